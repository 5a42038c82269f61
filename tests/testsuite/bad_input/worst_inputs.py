#!/usr/bin/env python3
"""Worst accepted inputs, one project per kind, for measuring peak memory
and time by hand (issue 16, target 5): every input sits at (or just under)
the limits of src/limits.rs, or just over one to see that the refusal comes
early. Each project is tests/testsuite/bad_input/bases/full with files
written over it.

    tests/testsuite/bad_input/worst_inputs.py OUT [NAME...]
    for d in OUT/*/; do
      /usr/bin/time -f "%e s %M KB" target/release/sopkb build --root "$d" --out /dev/shm/x
    done

Deterministic (a fixed LCG): the same OUT every run. The bad_input cases
keep the ones that found a problem (cases/gen_*), generated in Rust.
"""

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "bases", "full")
VALID = os.path.join(HERE, "bases", "valid")

MAX_STEPS = 500
MAX_LANES = 30
MAX_BRANCHES = 10
MAX_LIST_ITEMS = 100
MAX_SOP_TEXT_CHARS = 200_000
MAX_TEXT_CHARS = 2_000
MAX_YAML_NODES = 200_000
MAX_MARKDOWN_BYTES = 1024 * 1024
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 5_000


class Lcg:
    def __init__(self, seed=1):
        self.s = seed

    def __call__(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.s >> 33) % n


def project(out, name):
    root = os.path.join(out, name)
    if os.path.exists(root):
        shutil.rmtree(root)
    shutil.copytree(VALID, root)
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    return root


def write(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)


def article(body, judul="Uji", extra=""):
    return f"---\njudul: {judul}\nringkasan: r\ndiperbarui: 2025-01-01\n{extra}---\n{body}"


def sop_far_branches(seed=1, label_chars=12, text_chars=None, nama="Batas"):
    """500 steps on 30 lanes; every step but the last a decision of 10
    branches jumping anywhere (far across lanes and rows, forward and
    back), each step spanning a random range of lanes; texts fill the
    200,000-character budget."""
    rnd = Lcg(seed)
    lanes = [f"l{i}" for i in range(MAX_LANES)]
    s = f"nama: {nama}\ninstansi: Uji\npelaksana:\n"
    for l in lanes:
        s += f"  - {{ id: {l}, nama: Pelaksana {l} dengan nama yang panjang }}\n"
    s += "langkah:\n"
    labels = MAX_STEPS * MAX_BRANCHES * label_chars
    per_step = text_chars or max(10, (MAX_SOP_TEXT_CHARS - labels - 40_000) // MAX_STEPS)
    for i in range(MAX_STEPS):
        words = ("periksa dokumen kerja sama " * 200)[:per_step].strip()
        if i % 3 == 0:
            on = lanes[:]
        else:
            a, b = sorted((rnd(30), rnd(30)))
            on = [lanes[a], lanes[b]] if a != b else [lanes[a]]
        s += f"  - kegiatan: {words}\n    pelaksana: [{', '.join(on)}]\n    waktu: 5 menit\n"
        if i < MAX_STEPS - 1:
            # The first branch goes on, so that every step is reachable.
            bs = [f"Lanjut: {i + 2}"]
            while len(bs) < MAX_BRANCHES:
                t = 1 + rnd(MAX_STEPS)
                if t != i + 1:
                    lab = f"B{len(bs)}" + "x" * max(0, label_chars - 2 - len(str(len(bs))))
                    bs.append(f"{lab}{len(bs)}: {t}")
            s += f"    keputusan: {{ {', '.join(bs)} }}\n"
    return s


def sop_lists():
    """500 steps, each with 100 one-character items in kelengkapan, output
    and keterangan (150,000 table lines), plus 100 items in every SOP-level list."""
    s = "nama: Daftar\ninstansi: Uji\npelaksana:\n"
    for i in range(MAX_LANES):
        s += f"  - {{ id: l{i}, nama: P{i} }}\n"
    for key in ["kualifikasi_pelaksana", "peralatan", "peringatan", "pencatatan", "catatan"]:
        s += f"{key}: [{', '.join(['c'] * MAX_LIST_ITEMS)}]\n"
    s += "langkah:\n"
    items = ", ".join(["a"] * 96)
    for i in range(MAX_STEPS):
        s += f"  - {{ kegiatan: k, pelaksana: l{i % 30}, kelengkapan: [{items}], output: [{items}], keterangan: [{items}] }}\n"
    return s


def sop_long_labels():
    """Long branch labels (each one 2,000 characters, 90 of them) widen the
    side channel; one word of 2,000 characters in every text cell."""
    s = "nama: Label\ninstansi: Uji\npelaksana:\n"
    for i in range(MAX_LANES):
        s += f"  - {{ id: l{i}, nama: {'N' * 60} }}\n"
    s += "langkah:\n"
    for i in range(MAX_STEPS):
        s += f"  - kegiatan: k{'w' * 30}\n    pelaksana: [l0, l29]\n"
        if i % 50 == 0 and i < MAX_STEPS - 10:
            # Keys over 1,024 characters must be explicit (`? key`).
            bs = [f"      ? {chr(65 + b) * 2000}\n      : {MAX_STEPS - b}\n" for b in range(9)]
            s += f"    keputusan:\n      Lanjut: {i + 2}\n{''.join(bs)}"
    return s


def glossary(n, meaning=""):
    out = []
    for i in range(n):
        out.append(f"- {{singkatan: K{i}, kepanjangan: Kerja {i}{meaning}, definisi: d}}\n")
    return "".join(out)


def gen_all():
    g = {}

    def sop_worst(root):
        write(root, "sops/batas.yaml", sop_far_branches())

    g["sop-far-branches"] = sop_worst
    g["sop-lists"] = lambda r: write(r, "sops/daftar.yaml", sop_lists())
    g["sop-long-labels"] = lambda r: write(r, "sops/label.yaml", sop_long_labels())

    def many_sops(root):
        for k in range(40):
            write(root, f"sops/batas-{k:02}.yaml", sop_far_branches(seed=k + 1, nama=f"Batas {k}"))

    g["many-sops-40"] = many_sops

    def yaml_10mb(root):
        # ~28,500 glossary entries of 7 values: just under 200,000 values,
        # each meaning long enough to make the file just under 10 MB.
        n = (MAX_YAML_NODES - 10) // 7
        pad = (MAX_FILE_BYTES - 4096) // n - 60
        text = "".join(
            f"- singkatan: K{i}\n  kepanjangan: Kerja {i}\n  definisi: {'d' * pad}\n"
            for i in range(n)
        )
        write(root, "content/istilah.yaml", text)
        write(root, "content/pengetahuan/pakai.md", article(" ".join(f"K{i}" for i in range(n))))

    g["yaml-10mb-under-nodes"] = yaml_10mb

    def yaml_10mb_over(root):
        text = "- singkatan: A\n  kepanjangan: A\n  definisi: d\n  sinonim: [" + ", ".join(
            ["a" * 40] * 240_000
        ) + "]\n"
        write(root, "content/istilah.yaml", text)

    g["yaml-10mb-over-nodes"] = yaml_10mb_over

    def md(body):
        return lambda r: write(r, "content/pengetahuan/besar.md", article(body))

    lim = MAX_MARKDOWN_BYTES - 1024
    g["md-links"] = md(("[a](/sop/contoh/) [b](https://x.id/) " * (lim // 36))[:lim])
    g["md-internal-links"] = md(("[a](../tentang-pks/) " * (lim // 21))[:lim])
    g["md-headings"] = md(("## H\n" * (lim // 5))[:lim])
    g["md-headings-long"] = md("".join(f"## Judul bagian {i} {'k' * 60}\n\n" for i in range(lim // 85)))
    g["md-footnotes"] = md(
        "".join(f"t[^{i}]\n" for i in range(lim // 24))
        + "".join(f"[^{i}]: c\n" for i in range(lim // 24))
    )
    g["md-table-rows"] = md("|a|b|c|\n|-|-|-|\n" + "|x|y|z|\n" * (lim // 8))
    g["md-table-dense"] = md("|a|b|c|d|e|f|g|h|\n" + "|-" * 8 + "|\n" + ("|x" * 8 + "|\n") * (lim // 17 - 2))
    g["md-table-empty"] = md("|a|b|c|d|e|f|g|h|\n" + "|-" * 8 + "|\n" + ("|" * 9 + "\n") * (lim // 10 - 4))
    g["md-table-one-col"] = md("|a|\n|-|\n" + "x\n" * (lim // 2 - 8))
    g["md-empty-items"] = md("-\n" * (lim // 2))
    g["md-empty-headings"] = md("#\n" * (lim // 2))
    g["md-one-char-headings"] = md("# a\n" * (lim // 4))
    g["md-hr"] = md("***\n" * (lim // 4))
    g["md-footnote-refs"] = md("[^a]" * (lim // 4 - 4) + "\n\n[^a]: x\n")
    g["md-emph-short"] = md("*a*" * (lim // 3))
    g["md-autolinks"] = md("<http://a.id>" * (lim // 13))
    g["md-code-spans"] = md("`a`" * (lim // 3))
    g["md-breaks"] = md("a\\\n" * (lim // 3))
    g["md-table-cols"] = md(("|a" * 5000) + "|\n" + ("|-" * 5000) + "|\n" + (("|x" * 5000) + "|\n") * 40)
    g["md-nested-lists"] = md("".join("  " * d + "- a\n" for d in range(1400)))
    g["md-nested-lists-deep"] = md("".join(" " * (2 * (d % 3000)) + "- a\n" for d in range(lim // 3000)))
    g["md-emphasis"] = md(("*a **b " * (lim // 7))[:lim])
    g["md-brackets"] = md(("[" * (lim // 2)) + ("]" * (lim // 2)))
    g["md-link-refs"] = md(
        "".join(f"[r{i}]: /x{i}\n" for i in range(lim // 30))
        + " ".join(f"[r{i}]" for i in range(lim // 30))
    )
    g["md-quote-list"] = md("".join(("> - " * 200) + "a\n" for _ in range(lim // 802 - 1)))
    g["md-acronyms"] = md(("PKS KSD " * (lim // 8)))

    def glossary_20k(root):
        write(root, "content/istilah.yaml", glossary(20_000, " " + "m" * 200))
        words = " ".join(f"K{i}" for i in range(20_000))
        for k in range(50):
            write(root, f"content/pengetahuan/a{k:02}.md", article(words))

    g["glossary-20k-50-articles"] = glossary_20k

    def csv_rows(root):
        head = "jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir\n"
        rows = "".join(
            f"KSDD,KB,Kesepakatan {i} {'j' * 300},Objek,\"A\nB\",\"{i}\n{i}\",2025-01-02,2027-01-02\n"
            for i in range(MAX_IMPORT_ROWS)
        )
        write(root, "banyak.csv", head + rows)

    g["csv-5000-rows"] = csv_rows

    def front_matter(root):
        ids = "[" + ", ".join(["pp-28-2018"] * 150_000) + "]"
        write(root, "content/pengetahuan/fm.md", article("Isi.", extra=f"dasar_hukum: {ids}\n"))
        write(root, "content/pengetahuan/judul.md", article("Isi.", judul="J" * 9_000_000))
        srcs = "[" + ", ".join(f"https://x.id/{i}" for i in range(150_000)) + "]"
        write(root, "content/pengetahuan/sumber.md", article("Isi.", extra=f"sumber: {srcs}\n"))

    g["front-matter"] = front_matter

    def template(root):
        fields = "".join(f"  - id: f{i}\n    label: L{i}\n" for i in range(25_000))
        body = " ".join(f"{{{{ f{i % 25_000} }}}}" for i in range(70_000))
        write(
            root,
            "content/templat/besar.md",
            "---\njudul: T\njenis_dokumen: Surat\nringkasan: r\ndiperbarui: 2025-01-01\nisian:\n"
            + fields
            + "---\n"
            + body
            + "\n",
        )

    g["template-fields"] = template
    return g


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    gens = gen_all()
    names = sys.argv[2:] or list(gens)
    for n in names:
        root = project(out, n)
        gens[n](root)
        print(root)


if __name__ == "__main__":
    main()
