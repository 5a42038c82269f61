//! Indonesian descriptions for the JSON Schemas, keyed by the English doc
//! comment schemars takes from the raw types (as gettext keys a message by
//! its source text). Code comments stay English; editors read Indonesian.
//! A lib test fails when a described field has no entry here, or an entry
//! no longer matches any field, so the two never drift.

/// (English doc comment, Indonesian description).
pub(super) const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "A string or a list of strings.",
        "Satu teks atau daftar teks.",
    ),
    (
        "The id of a legal-basis page.",
        "Id halaman dasar hukum.",
    ),
    (
        "The id plus the citation exactly as the document prints it.",
        "Id beserta kutipan persis seperti tercetak di dokumen.",
    ),
    (
        "The citation exactly as the document prints it.",
        "Kutipan persis seperti tercetak di dokumen.",
    ),
    (
        "Plain text: an SOP or document this site does not publish.",
        "Teks biasa: SOP atau dokumen yang tidak diterbitkan situs ini.",
    ),
    (
        "A published SOP, by id.",
        "SOP yang diterbitkan, dengan id-nya.",
    ),
    (
        "The id of a published SOP.",
        "Id SOP yang diterbitkan.",
    ),
    (
        "The name exactly as the document prints it.",
        "Nama persis seperti tercetak di dokumen.",
    ),
    (
        "Short lower-case id used by steps, e.g. `tapem`.",
        "Id pendek huruf kecil yang dipakai langkah, mis. `tapem`.",
    ),
    (
        "The column header as printed.",
        "Judul kolom seperti tercetak.",
    ),
    (
        "The position, e.g. \"Sekretaris Daerah\".",
        "Jabatan, mis. \"Sekretaris Daerah\".",
    ),
    (
        "The name, as printed.",
        "Nama, seperti tercetak.",
    ),
    (
        "The civil-servant number (NIP), as printed.",
        "Nomor Induk Pegawai (NIP), seperti tercetak.",
    ),
    (
        "Rank and grade, as printed.",
        "Pangkat dan golongan, seperti tercetak.",
    ),
    (
        "\"Kegiatan\": what is done in this step, as printed.",
        "\"Kegiatan\": apa yang dikerjakan pada langkah ini, seperti tercetak.",
    ),
    (
        "Mutu Baku \"Kelengkapan\": what the step needs.",
        "Mutu Baku \"Kelengkapan\": apa yang diperlukan langkah ini.",
    ),
    (
        "Decision: branch label -> target step position (1-based).",
        "Keputusan: label cabang -> posisi langkah tujuan (mulai dari 1).",
    ),
    (
        "\"Keterangan\": remarks in the last column.",
        "\"Keterangan\": catatan di kolom terakhir.",
    ),
    (
        "The number the document prints, when it differs from the position.",
        "Nomor yang tercetak di dokumen, bila berbeda dari posisinya.",
    ),
    (
        "A process step after which the flow continues at this position instead of the next step (\"ulangi lagi mulai kegiatan nomor 3\").",
        "Langkah proses yang alurnya berlanjut ke posisi ini, bukan ke langkah berikutnya (\"ulangi lagi mulai kegiatan nomor 3\").",
    ),
    (
        "Mutu Baku \"Output\": what the step produces.",
        "Mutu Baku \"Output\": apa yang dihasilkan langkah ini.",
    ),
    (
        "One lane id, or several when the form marks several lanes.",
        "Satu id pelaksana, atau beberapa bila formulir menandai beberapa kolom pelaksana.",
    ),
    (
        "The procedure ends at this step (an early end, e.g. \"Selesai ... ditolak\"): no arrow to the next step.",
        "Prosedur berakhir di langkah ini (berakhir lebih awal, mis. \"Selesai ... ditolak\"): tanpa panah ke langkah berikutnya.",
    ),
    (
        "As printed, e.g. \"15 Menit\", \"7 hari kerja\".",
        "Seperti tercetak, mis. \"15 Menit\", \"7 hari kerja\".",
    ),
    (
        "\"Tanggal Efektif\", as printed.",
        "\"Tanggal Efektif\", seperti tercetak.",
    ),
    (
        "\"Tanggal Pembuatan\", as printed.",
        "\"Tanggal Pembuatan\", seperti tercetak.",
    ),
    (
        "\"Tanggal Pengesahan\", as printed.",
        "\"Tanggal Pengesahan\", seperti tercetak.",
    ),
    (
        "\"Tanggal Revisi\", as printed.",
        "\"Tanggal Revisi\", seperti tercetak.",
    ),
    (
        "First step position of the range (1-based).",
        "Posisi langkah pertama rentang ini (mulai dari 1).",
    ),
    (
        "Last step position of the range (1-based, inclusive).",
        "Posisi langkah terakhir rentang ini (mulai dari 1, termasuk langkah itu).",
    ),
    (
        "The time stated for the whole range.",
        "Waktu yang dinyatakan untuk seluruh rentang.",
    ),
    (
        "One SOP file (`sops/<id>.yaml`), keys as on the official SOP AP form.",
        "Satu berkas SOP (`sops/<id>.yaml`), dengan kunci sesuai formulir resmi SOP AP.",
    ),
    (
        "Notes printed under the table.",
        "Catatan yang tercetak di bawah tabel.",
    ),
    (
        "Legal bases: ids of `content/dasar-hukum/<id>.md`.",
        "Dasar hukum: id dari `content/dasar-hukum/<id>.md`.",
    ),
    (
        "Who approved the SOP, as in the signature block.",
        "Pejabat yang mengesahkan SOP, seperti pada blok tanda tangan.",
    ),
    (
        "Work in progress: left out of `build` (pages, lists, sitemap, feeds, search, open data) unless `--drafts`; `serve` shows it with a banner.",
        "Masih dikerjakan: tidak ikut `build` (halaman, daftar, peta situs, umpan, pencarian, data terbuka) kecuali dengan `--drafts`; `serve` menampilkannya dengan spanduk.",
    ),
    (
        "The government that owns the SOP, e.g. \"Pemerintah Kabupaten Magetan\".",
        "Pemerintah pemilik SOP, mis. \"Pemerintah Kabupaten Magetan\".",
    ),
    (
        "Related SOPs: plain text, or `{sop: id}` for a shipped SOP.",
        "Keterkaitan: teks biasa, atau `{sop: id}` untuk SOP yang diterbitkan situs ini.",
    ),
    (
        "\"Kualifikasi Pelaksana\": what the executors must know or hold.",
        "\"Kualifikasi Pelaksana\": pengetahuan atau syarat yang harus dimiliki pelaksana.",
    ),
    (
        "Every row of the table, in document order.",
        "Setiap baris tabel, sesuai urutan dokumen.",
    ),
    (
        "\"Nama SOP\", as printed.",
        "\"Nama SOP\", seperti tercetak.",
    ),
    (
        "\"Nomor SOP\".",
        "\"Nomor SOP\".",
    ),
    (
        "The swimlanes, left to right.",
        "Kolom pelaksana, dari kiri ke kanan.",
    ),
    (
        "\"Pencatatan dan Pendataan\".",
        "\"Pencatatan dan Pendataan\".",
    ),
    (
        "The decree that enacts the SOP, if any.",
        "Keputusan yang menetapkan SOP, bila ada.",
    ),
    (
        "\"Peralatan/Perlengkapan\".",
        "\"Peralatan/Perlengkapan\".",
    ),
    (
        "\"Peringatan\": what goes wrong if the SOP is not followed.",
        "\"Peringatan\": akibat bila SOP tidak dilaksanakan.",
    ),
    (
        "Where the text was transcribed from.",
        "Sumber naskah yang disalin.",
    ),
    (
        "Stages of KSD this SOP covers.",
        "Tahapan KSD yang dicakup SOP ini.",
    ),
    (
        "Dates on the form: made, revised, effective, approved.",
        "Tanggal pada formulir: pembuatan, revisi, efektif, pengesahan.",
    ),
    (
        "The total the document itself prints.",
        "Jumlah waktu yang tercetak di dokumen itu sendiri.",
    ),
    (
        "The unit that owns the SOP.",
        "Unit kerja pemilik SOP.",
    ),
    (
        "Times stated once for a range of steps.",
        "Waktu yang dinyatakan sekali untuk serangkaian langkah.",
    ),
    (
        "One entry of `content/istilah.yaml`.",
        "Satu entri `content/istilah.yaml`.",
    ),
    (
        "Ids of legal-basis pages.",
        "Id halaman dasar hukum.",
    ),
    (
        "One sentence.",
        "Satu kalimat.",
    ),
    (
        "The expansion, or the term itself.",
        "Kepanjangan singkatan, atau istilah itu sendiri.",
    ),
    (
        "The acronym as written (`TKKSD`); omitted for a plain term.",
        "Singkatan seperti ditulis (`TKKSD`); dikosongkan untuk istilah biasa.",
    ),
    (
        "Other spellings, for search.",
        "Ejaan lain, untuk pencarian.",
    ),
    (
        "Front matter of `content/dasar-hukum/<id>.md`.",
        "Front matter `content/dasar-hukum/<id>.md`.",
    ),
    (
        "Language of the text; `Indonesia` when unset.",
        "Bahasa naskah; `Indonesia` bila tidak diisi.",
    ),
    (
        "JDIHN field of law (bidang hukum), e.g. \"Hukum Tata Negara\".",
        "Bidang hukum (metadata JDIHN), mis. \"Hukum Tata Negara\".",
    ),
    (
        "The region, for a regional regulation.",
        "Daerah, untuk peraturan daerah.",
    ),
    (
        "Ids of the regulations that revoke this one.",
        "Id peraturan yang mencabut peraturan ini.",
    ),
    (
        "Ids of the regulations that partly revoke this one.",
        "Id peraturan yang mencabut sebagian peraturan ini.",
    ),
    (
        "Relations, each written on either side (or both, then they must agree): the newer regulation's `mengubah`, `mencabut`, `mencabut_sebagian`; the older one's `diubah_oleh`, `dicabut_oleh`, `dicabut_sebagian_oleh`. The other side is derived.",
        "Hubungan antarperaturan, ditulis di salah satu sisi (atau keduanya, dan harus sama): pada peraturan yang lebih baru `mengubah`, `mencabut`, `mencabut_sebagian`; pada yang lebih lama `diubah_oleh`, `dicabut_oleh`, `dicabut_sebagian_oleh`. Sisi lainnya diturunkan otomatis.",
    ),
    (
        "The kind of regulation, e.g. \"Peraturan Pemerintah\".",
        "Jenis peraturan, mis. \"Peraturan Pemerintah\".",
    ),
    (
        "Ids of the regulations this one revokes.",
        "Id peraturan yang dicabut oleh peraturan ini.",
    ),
    (
        "Ids of the regulations this one partly revokes.",
        "Id peraturan yang dicabut sebagian oleh peraturan ini.",
    ),
    (
        "Ids of the regulations this one amends.",
        "Id peraturan yang diubah oleh peraturan ini.",
    ),
    (
        "The number, as printed.",
        "Nomor, seperti tercetak.",
    ),
    (
        "The body that initiated it (pemrakarsa).",
        "Instansi pemrakarsa.",
    ),
    (
        "berlaku | diubah | dicabut.",
        "berlaku | diubah | dicabut.",
    ),
    (
        "JDIHN subject (subjek), e.g. \"Kerja Sama Daerah\".",
        "Subjek (metadata JDIHN), mis. \"Kerja Sama Daerah\".",
    ),
    (
        "Where it was published, e.g. `LN 2018 (97), TLN (6219)`.",
        "Tempat pengundangan, mis. `LN 2018 (97), TLN (6219)`.",
    ),
    (
        "The year.",
        "Tahun.",
    ),
    (
        "JDIHN metadata (Perpres 33/2012): the date the regulation was set (ditetapkan), YYYY-MM-DD.",
        "Metadata JDIHN (Perpres 33/2012): tanggal peraturan ditetapkan, YYYY-MM-DD.",
    ),
    (
        "The date it was promulgated (diundangkan), YYYY-MM-DD.",
        "Tanggal peraturan diundangkan, YYYY-MM-DD.",
    ),
    (
        "Link to the official text (https://...).",
        "Tautan ke naskah resmi (https://...).",
    ),
    (
        "Where it was set and promulgated, e.g. `Jakarta`.",
        "Tempat penetapan dan pengundangan, mis. `Jakarta`.",
    ),
    (
        "The title after \"tentang\".",
        "Judul sesudah kata \"tentang\".",
    ),
    (
        "T.E.U. badan (corporate author), e.g. `Indonesia. Pemerintah Pusat`.",
        "T.E.U. badan (pengarang badan), mis. `Indonesia. Pemerintah Pusat`.",
    ),
    (
        "A field to fill in a template (`{{ id }}` in the body).",
        "Isian pada templat (`{{ id }}` di badan dokumen).",
    ),
    (
        "An example value.",
        "Contoh isian.",
    ),
    (
        "The name used in the body, `{{ id }}`.",
        "Nama yang dipakai di badan dokumen, `{{ id }}`.",
    ),
    (
        "A note on how to fill it.",
        "Petunjuk cara mengisinya.",
    ),
    (
        "What the field asks for.",
        "Yang diminta isian ini.",
    ),
    (
        "Front matter of `content/templat/<id>.md`.",
        "Front matter `content/templat/<id>.md`.",
    ),
    (
        "Ids of legal bases (`content/dasar-hukum/<id>.md`).",
        "Id dasar hukum (`content/dasar-hukum/<id>.md`).",
    ),
    (
        "`YYYY-MM-DD`.",
        "`YYYY-MM-DD`.",
    ),
    (
        "Fields to fill, in the order they appear.",
        "Isian, sesuai urutan kemunculannya.",
    ),
    (
        "The kind of document, e.g. \"Surat Penawaran\".",
        "Jenis dokumen, mis. \"Surat Penawaran\".",
    ),
    (
        "The title.",
        "Judul.",
    ),
    (
        "Names under which SOP steps cite the document.",
        "Nama lain yang dipakai langkah SOP untuk menyebut dokumen ini.",
    ),
    (
        "One or two sentences for lists and search.",
        "Satu atau dua kalimat untuk daftar dan pencarian.",
    ),
    (
        "Stages of KSD where the document is used.",
        "Tahapan KSD tempat dokumen ini dipakai.",
    ),
    (
        "Ids of SOPs that use this template.",
        "Id SOP yang memakai templat ini.",
    ),
    (
        "Front matter of `content/pengetahuan/<id>.md`.",
        "Front matter `content/pengetahuan/<id>.md`.",
    ),
    (
        "Sources named, e.g. \"PP 28/2018 Pasal 4\".",
        "Sumber yang dirujuk, mis. \"PP 28/2018 Pasal 4\".",
    ),
    (
        "Ids of SOPs (`sops/<id>.yaml`) the article explains.",
        "Id SOP (`sops/<id>.yaml`) yang dijelaskan artikel ini.",
    ),
    (
        "Position in the article list (lower first).",
        "Urutan di daftar artikel (angka kecil lebih dulu).",
    ),
    (
        "What was found or decided.",
        "Temuan atau keputusan.",
    ),
    (
        "YYYY-MM-DD.",
        "YYYY-MM-DD.",
    ),
    (
        "A regional government's code (Permendagri 137/2017), e.g. \"35.20\".",
        "Kode wilayah pemerintah daerah (Permendagri 137/2017), mis. \"35.20\".",
    ),
    (
        "e.g. \"Pemerintah Kabupaten Magetan\", \"PT Air Bersih Nusantara\".",
        "mis. \"Pemerintah Kabupaten Magetan\", \"PT Air Bersih Nusantara\".",
    ),
    (
        "This party's number of the document.",
        "Nomor dokumen menurut pihak ini.",
    ),
    (
        "Who signed for the party, e.g. \"Bupati Magetan\".",
        "Penanda tangan atas nama pihak ini, mis. \"Bupati Magetan\".",
    ),
    (
        "The party's cooperation unit (Perangkat Daerah Pengelola KSD).",
        "Perangkat Daerah Pengelola KSD pihak ini.",
    ),
    (
        "YYYY-MM-DD, the last day in force.",
        "YYYY-MM-DD, hari terakhir masa berlaku.",
    ),
    (
        "YYYY-MM-DD; default: the signing date.",
        "YYYY-MM-DD; bawaan: tanggal penandatanganan.",
    ),
    (
        "One registry entry: an agreement document (KB, NK, PKS or RK).",
        "Satu entri daftar kerja sama: satu dokumen kesepakatan (KB, NK, PKS atau RK).",
    ),
    (
        "Link to the scanned document (https://... or a site path).",
        "Tautan ke pindaian dokumen (https://... atau jalur di situs).",
    ),
    (
        "The government affair (urusan pemerintahan) it serves, e.g. \"Lingkungan Hidup\".",
        "Urusan pemerintahan yang dilayani, mis. \"Lingkungan Hidup\".",
    ),
    (
        "An illustrative entry, not a real agreement: its page carries a banner.",
        "Entri contoh, bukan kerja sama sungguhan: halamannya diberi spanduk.",
    ),
    (
        "KB | NK | PKS | RK.",
        "KB | NK | PKS | RK.",
    ),
    (
        "Evaluation records (evaluasi), any order.",
        "Catatan evaluasi, urutan bebas.",
    ),
    (
        "KSDD | KSDPK | Sinergi | KSDPL | KSDLL.",
        "KSDD | KSDPK | Sinergi | KSDPL | KSDLL.",
    ),
    (
        "The title as printed on the document.",
        "Judul seperti tercetak di dokumen.",
    ),
    (
        "Id of the umbrella agreement (KB or NK) this PKS or RK implements.",
        "Id kesepakatan induk (KB atau NK) yang dilaksanakan PKS atau RK ini.",
    ),
    (
        "Value in rupiah, if the agreement states one.",
        "Nilai dalam rupiah, bila dinyatakan dalam kesepakatan.",
    ),
    (
        "The object of cooperation, e.g. \"Pengelolaan sampah regional\".",
        "Objek kerja sama, mis. \"Pengelolaan sampah regional\".",
    ),
    (
        "Units that carry the agreement out.",
        "Perangkat daerah pelaksana kerja sama.",
    ),
    (
        "The parties, in the order of the document.",
        "Para pihak, sesuai urutan dokumen.",
    ),
    (
        "Monitoring records (pemantauan), any order.",
        "Catatan pemantauan, urutan bebas.",
    ),
    (
        "Signing, start and end dates.",
        "Tanggal penandatanganan, mulai dan berakhir.",
    ),
    (
        "Ids of SOPs (`sops/<id>.yaml`) that govern this agreement's stages.",
        "Id SOP (`sops/<id>.yaml`) yang mengatur tahapan kerja sama ini.",
    ),
    (
        "Ids of document templates (`content/templat/<id>.md`).",
        "Id templat dokumen (`content/templat/<id>.md`).",
    ),
    (
        "`[registry]` in `sopkb.toml`.",
        "`[registry]` di `sopkb.toml`.",
    ),
    (
        "An agreement \"akan berakhir\" (ends soon, \"perlu diperpanjang\") within this many days. Default 180.",
        "Kerja sama berstatus \"akan berakhir\" (\"perlu diperpanjang\") dalam sekian hari sebelum berakhir. Bawaan 180.",
    ),
    (
        "Months between evaluation records. Default 12.",
        "Jarak antarcatatan evaluasi, dalam bulan. Bawaan 12.",
    ),
    (
        "Months between monitoring records. Default 6.",
        "Jarak antarcatatan pemantauan, dalam bulan. Bawaan 6.",
    ),
    (
        "`sopkb.toml`.",
        "`sopkb.toml`.",
    ),
    (
        "The address where the site is published, e.g. `https://ksd.example.go.id/`.",
        "Alamat tempat situs diterbitkan, mis. `https://ksd.example.go.id/`.",
    ),
    (
        "The build's \"today\", YYYY-MM-DD, for reproducible builds.",
        "\"Hari ini\" bagi build, YYYY-MM-DD, agar hasil build dapat diulang persis.",
    ),
    (
        "One sentence about the site, for search engines and feeds.",
        "Satu kalimat tentang situs, untuk mesin pencari dan umpan.",
    ),
    (
        "The edit page URL with `{path}` for the file path, for hosts whose form sopkb does not know.",
        "URL halaman sunting dengan `{path}` untuk jalur berkas, bagi layanan git yang bentuknya tidak dikenal sopkb.",
    ),
    (
        "`id` (default) or `en`: the language of the interface.",
        "`id` (bawaan) atau `en`: bahasa antarmuka.",
    ),
    (
        "The SPDX id of the open data's licence (default `CC-BY-4.0`).",
        "Id SPDX lisensi data terbuka (bawaan `CC-BY-4.0`).",
    ),
    (
        "`[registry]`: settings of the cooperation registry.",
        "`[registry]`: pengaturan daftar kerja sama.",
    ),
    (
        "The branch those links open (default `main`).",
        "Cabang yang dibuka tautan itu (bawaan `main`).",
    ),
    (
        "The project's git repository (`https://github.com/pemda/ksd`): pages link to their source file's edit page.",
        "Repositori git proyek (`https://github.com/pemda/ksd`): setiap halaman menautkan halaman sunting berkas sumbernya.",
    ),
    (
        "The theme: a folder name under `themes/` (default `default`).",
        "Tema: nama folder di bawah `themes/` (bawaan `default`).",
    ),
    (
        "The site title.",
        "Judul situs.",
    ),
    (
        "Keep raw HTML in Markdown as written instead of sanitising it (SECURITY.md): only for sites whose every editor may publish scripts.",
        "Pertahankan HTML mentah di Markdown apa adanya, tanpa disaring (SECURITY.md): hanya untuk situs yang setiap penyuntingnya boleh menerbitkan skrip.",
    ),
    (
        "One answer to a question.",
        "Satu jawaban atas sebuah pertanyaan.",
    ),
    (
        "Lower-case letters, digits and `-`; the page's anchors use it.",
        "Huruf kecil, angka dan `-`; dipakai sebagai jangkar halaman.",
    ),
    (
        "One sentence that helps choose it.",
        "Satu kalimat yang membantu memilihnya.",
    ),
    (
        "One rule of the navigator.",
        "Satu aturan panduan.",
    ),
    (
        "Caveats, one sentence each.",
        "Catatan kehati-hatian, satu kalimat per butir.",
    ),
    (
        "Outside what this site covers: shown without procedure.",
        "Di luar cakupan situs ini: ditampilkan tanpa prosedur.",
    ),
    (
        "The kind of cooperation, e.g. \"KSDD (kerja sama wajib)\".",
        "Jenis kerja sama, mis. \"KSDD (kerja sama wajib)\".",
    ),
    (
        "The `id` of a `mitra` answer.",
        "`id` salah satu jawaban `mitra`.",
    ),
    (
        "The documents to draw up, in words (\"Kesepakatan Bersama, lalu PKS\").",
        "Naskah yang disusun, dalam kata-kata (\"Kesepakatan Bersama, lalu PKS\").",
    ),
    (
        "Ids of `objek` answers this rule answers.",
        "Id jawaban `objek` yang dijawab aturan ini.",
    ),
    (
        "Ids of articles.",
        "Id artikel.",
    ),
    (
        "Ids of SOPs.",
        "Id SOP.",
    ),
    (
        "Where the rule comes from (required, at least one).",
        "Asal aturan ini (wajib, sedikitnya satu).",
    ),
    (
        "Ids of document templates.",
        "Id templat dokumen.",
    ),
    (
        "The source of a rule: exactly one of `dasar_hukum` (with `bagian`, the pasal or part), `sop` or `pengetahuan`.",
        "Sumber sebuah aturan: tepat satu dari `dasar_hukum` (dengan `bagian`, pasal atau bagian yang dikutip), `sop` atau `pengetahuan`.",
    ),
    (
        "The pasal, part or step cited (\"Bab XVII\", \"keterangan langkah 7\").",
        "Pasal, bagian atau langkah yang dikutip (\"Bab XVII\", \"keterangan langkah 7\").",
    ),
    (
        "The whole file.",
        "Seluruh berkas.",
    ),
    (
        "The rules: for one partner and some objects, the outcome.",
        "Aturan-aturan: untuk satu jenis mitra dan beberapa objek, hasilnya.",
    ),
    (
        "Answers to \"siapa calon mitranya?\", in the order shown.",
        "Jawaban atas \"siapa calon mitranya?\", sesuai urutan tampil.",
    ),
    (
        "Answers to \"apa objek kerja samanya?\", in the order shown.",
        "Jawaban atas \"apa objek kerja samanya?\", sesuai urutan tampil.",
    ),
    (
        "A paragraph shown above the two questions.",
        "Satu paragraf yang tampil di atas kedua pertanyaan.",
    ),
    (
        "The answer as the page shows it.",
        "Jawaban seperti tampil di halaman.",
    ),
    (
        "One or two sentences: what to do.",
        "Satu atau dua kalimat: apa yang perlu dilakukan.",
    ),
    (
        "The id of an article.",
        "Id artikel.",
    ),
];
