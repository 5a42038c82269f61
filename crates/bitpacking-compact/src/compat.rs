//! sopkb: the loop decoders (`*_simple`, what wasm32 ships) against the
//! upstream unrolled ones (what native release builds use and what wrote
//! every index): same bit widths, same bytes, same values, for every width
//! and mode, on values a writer produces and on arbitrary bytes.

use crate::{bitpacker1x, bitpacker1x_simple, bitpacker4x, bitpacker4x_simple, BitPacker};

pub(crate) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn below(state: &mut u64, num_bits: u8) -> u32 {
    (splitmix(state) & ((1u64 << num_bits) - 1)) as u32
}

/// One block as a writer sees it, for one mode: values (plain, sorted or
/// strictly sorted from `initial`) whose widths are at most `num_bits`.
fn block(state: &mut u64, len: usize, num_bits: u8, sorted: u8, initial: u32) -> Vec<u32> {
    // Each block mixes widths: some values at full width, some small.
    let mut out = Vec::with_capacity(len);
    let mut prev = initial;
    for _ in 0..len {
        let width = if splitmix(state) % 4 == 0 {
            num_bits.min((splitmix(state) % 33) as u8)
        } else {
            num_bits
        };
        let v = below(state, width);
        let x = match sorted {
            0 => v,
            1 => prev.wrapping_add(v),
            _ => prev.wrapping_add(v).wrapping_add(1),
        };
        prev = x;
        out.push(x);
    }
    out
}

fn check_pair<A: BitPacker, B: BitPacker>(rounds: usize) {
    assert_eq!(A::BLOCK_LEN, B::BLOCK_LEN);
    let (a, b) = (A::new(), B::new());
    let len = A::BLOCK_LEN;
    let mut state = 0x5eed_u64;
    for num_bits in 0u8..=32 {
        for _ in 0..rounds {
            let initial = below(&mut state, 32);
            let initial = if splitmix(&mut state) % 2 == 0 {
                initial
            } else {
                initial % 4
            };
            let strict_initial = if splitmix(&mut state) % 3 == 0 {
                None
            } else {
                Some(initial)
            };
            let size = A::compressed_block_size(num_bits);

            // Values a writer produces: same width, same bytes, both decode them.
            let plain = block(&mut state, len, num_bits, 0, 0);
            let width = a.num_bits(&plain);
            assert_eq!(width, b.num_bits(&plain));
            let (mut ca, mut cb) = (vec![0u8; len * 4], vec![0u8; len * 4]);
            let n = a.compress(&plain, &mut ca, width);
            assert_eq!(n, b.compress(&plain, &mut cb, width));
            assert_eq!(ca, cb, "compress, {width} bits");
            let (mut da, mut db) = (vec![0u32; len], vec![0u32; len]);
            assert_eq!(
                a.decompress(&ca[..n], &mut da, width),
                b.decompress(&ca[..n], &mut db, width)
            );
            assert_eq!((&da, &db), (&plain, &plain));

            let sorted = block(&mut state, len, num_bits, 1, initial);
            let width = a.num_bits_sorted(initial, &sorted);
            assert_eq!(width, b.num_bits_sorted(initial, &sorted));
            let (mut ca, mut cb) = (vec![0u8; len * 4], vec![0u8; len * 4]);
            let n = a.compress_sorted(initial, &sorted, &mut ca, width);
            assert_eq!(n, b.compress_sorted(initial, &sorted, &mut cb, width));
            assert_eq!(ca, cb, "compress_sorted, {width} bits");
            a.decompress_sorted(initial, &ca[..n], &mut da, width);
            b.decompress_sorted(initial, &ca[..n], &mut db, width);
            assert_eq!((&da, &db), (&sorted, &sorted));

            let strict_from = strict_initial.map_or(u32::MAX, |i| i);
            let strict = block(&mut state, len, num_bits, 2, strict_from);
            let width = a.num_bits_strictly_sorted(strict_initial, &strict);
            assert_eq!(width, b.num_bits_strictly_sorted(strict_initial, &strict));
            let (mut ca, mut cb) = (vec![0u8; len * 4], vec![0u8; len * 4]);
            let n = a.compress_strictly_sorted(strict_initial, &strict, &mut ca, width);
            assert_eq!(
                n,
                b.compress_strictly_sorted(strict_initial, &strict, &mut cb, width)
            );
            assert_eq!(ca, cb, "compress_strictly_sorted, {width} bits");
            a.decompress_strictly_sorted(strict_initial, &ca[..n], &mut da, width);
            b.decompress_strictly_sorted(strict_initial, &ca[..n], &mut db, width);
            assert_eq!((&da, &db), (&strict, &strict));

            // Arbitrary bytes (a damaged or foreign block): the same values.
            let bytes: Vec<u8> = (0..size).map(|_| splitmix(&mut state) as u8).collect();
            a.decompress(&bytes, &mut da, num_bits);
            b.decompress(&bytes, &mut db, num_bits);
            assert_eq!(da, db, "decompress of arbitrary bytes, {num_bits} bits");
            a.decompress_sorted(initial, &bytes, &mut da, num_bits);
            b.decompress_sorted(initial, &bytes, &mut db, num_bits);
            assert_eq!(
                da, db,
                "decompress_sorted of arbitrary bytes, {num_bits} bits"
            );
            a.decompress_strictly_sorted(strict_initial, &bytes, &mut da, num_bits);
            b.decompress_strictly_sorted(strict_initial, &bytes, &mut db, num_bits);
            assert_eq!(
                da, db,
                "decompress_strictly_sorted of arbitrary bytes, {num_bits} bits"
            );
        }
    }
}

#[test]
fn loop_4x_matches_unrolled_4x() {
    check_pair::<bitpacker4x::BitPacker4x, bitpacker4x_simple::BitPacker4x>(300);
}

#[test]
fn loop_1x_matches_unrolled_1x() {
    check_pair::<bitpacker1x::BitPacker1x, bitpacker1x_simple::BitPacker1x>(300);
}
