<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>HomePage</name>
    <message>
        <source>Rujukan lewat batas: %1 (Ctrl+Shift+R, lalu F3)</source>
        <translation>Overdue referrals: %1 (Ctrl+Shift+R, then F3)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="44"/>
        <source>Wawancara baru (Ctrl+N)</source>
        <translation>New interview (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="57"/>
        <source>Dikembalikan supervisor untuk dikoreksi — Enter untuk membuka</source>
        <translation>Returned by the supervisor for correction — Enter to open</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="65"/>
        <source>Cari NIK, nomor paspor atau awal nama (Ctrl+F)</source>
        <translation>Search NIK, passport number or start of name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="71"/>
        <source>Belum selesai — Enter untuk melanjutkan</source>
        <translation>Unfinished — Enter to resume</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="74"/>
        <source>Hari ini di loket ini</source>
        <translation>Today at this counter</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="116"/>
        <source>Tidak ada wawancara yang belum selesai.</source>
        <translation>No unfinished interviews.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="120"/>
        <source>KOREKSI belum disimpan</source>
        <translation>CORRECTION not saved</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="121"/>
        <source>Belum ada wawancara hari ini.</source>
        <translation>No interviews today yet.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/home_page.py" line="126"/>
        <source>Tidak ditemukan.</source>
        <translation>Nothing found.</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="62"/>
        <source>Tombol: angka/huruf memilih · Enter lanjut · Alt+← kembali · Ctrl+PgUp/PgDn bagian · Ctrl+R tinjau · Ctrl+L bahasa</source>
        <translation>Keys: digits/letters pick · Enter goes on · Alt+← back · Ctrl+PgUp/PgDn section · Ctrl+R review · Ctrl+L language</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="89"/>
        <source>← Kembali (Alt+←)</source>
        <translation>← Back (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="92"/>
        <source>Tinjau dan putuskan (Ctrl+R)</source>
        <translation>Review and decide (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="165"/>
        <source>Pertanyaan %1 dari %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="179"/>
        <source>KOREKSI</source>
        <translation>CORRECTION</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="223"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="223"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/interview_page.py" line="312"/>
        <source>Tekan Enter sekali lagi untuk mengonfirmasi dan lanjut.</source>
        <translation>Press Enter again to confirm and go on.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="180"/>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="186"/>
        <source>Buka (Enter)</source>
        <translation>Unlock (Enter)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="188"/>
        <source>Keluar dan ganti petugas</source>
        <translation>Sign out and change officer</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="191"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="199"/>
        <source>Terkunci oleh %1. Wawancara tetap tersimpan; masukkan kata sandi Anda untuk melanjutkan.</source>
        <translation>Locked by %1. The interview is saved; enter your password to go on.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="46"/>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="54"/>
        <source>Masuk (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="60"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="61"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tindak lanjut rujukan…</source>
        <translation>Referral follow-up…</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="157"/>
        <source>&amp;Kerja</source>
        <translation>&amp;Work</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="158"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="159"/>
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="160"/>
        <source>Keluar akun</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="162"/>
        <source>Ganti kata sandi…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="165"/>
        <source>Tutup aplikasi</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="166"/>
        <source>&amp;Wawancara</source>
        <translation>&amp;Interview</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="169"/>
        <source>Bahasa naskah: Indonesia/English</source>
        <translation>Script language: Indonesian/English</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="175"/>
        <source>Tinjau dan putuskan</source>
        <translation>Review and decide</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="179"/>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="182"/>
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="185"/>
        <source>Pengaturan kantor dan akun…</source>
        <translation>Office settings and accounts…</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="189"/>
        <source>Sinkronisasi / Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="345"/>
        <source>Kata sandi sudah diganti.</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="388"/>
        <source>Selamat bekerja, %1</source>
        <translation>Welcome, %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="532"/>
        <source>Koreksi wawancara %1 disimpan sebagai revisi baru. Keputusan: %2.</source>
        <translation>Correction of interview %1 saved as a new revision. Decision: %2.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="534"/>
        <source>Wawancara %1 selesai. Keputusan: %2.</source>
        <translation>Interview %1 completed. Decision: %2.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/main_window.py" line="540"/>
        <source>Pemohon dirujuk: cetak slip rujukan BP3MI.</source>
        <translation>Applicant referred: print the BP3MI referral slip.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="118"/>
        <source>Catatan petugas (Ctrl+K)</source>
        <translation>Officer&apos;s notes (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>PasswordChangePage</name>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="217"/>
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="226"/>
        <source>Simpan kata sandi (Enter)</source>
        <translation>Save password (Enter)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="229"/>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="256"/>
        <source>Batal dan keluar</source>
        <translation>Cancel and sign out</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="231"/>
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="232"/>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="233"/>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="249"/>
        <source>%1, kata sandi Anda direset oleh supervisor. Buat kata sandi baru sebelum mulai bekerja; kata sandi yang panjang dan bukan nama pengguna.</source>
        <translation>%1, a supervisor reset your password. Make a new one before you start work: a long one, not your username.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="252"/>
        <source>%1, buat kata sandi baru: yang panjang dan bukan nama pengguna.</source>
        <translation>%1, make a new password: a long one, not your username.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="256"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../interview_app/ui/record_dialog.py" line="20"/>
        <source>Arsip wawancara %1 (hanya baca)</source>
        <translation>Interview record %1 (read-only)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/record_dialog.py" line="25"/>
        <source>Status: %1 · Keputusan: %2 · Skor: %3</source>
        <translation>Status: %1 · Decision: %2 · Score: %3</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/record_dialog.py" line="34"/>
        <source>Tidak ada tanda bahaya.</source>
        <translation>No red flags.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/record_dialog.py" line="39"/>
        <source>Pertanyaan</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/record_dialog.py" line="39"/>
        <source>Jawaban</source>
        <translation>Answer</translation>
    </message>
</context>
<context>
    <name>RepeatPanel</name>
    <message>
        <source>Rujukan</source>
        <translation>Referral</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="76"/>
        <source>Wawancara sebelumnya</source>
        <translation>Earlier interviews</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="98"/>
        <source>Tidak ada wawancara sebelumnya dengan NIK ini.</source>
        <translation>No earlier interviews with this NIK.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="101"/>
        <source>PERHATIAN: %1 wawancara sebelumnya</source>
        <translation>ATTENTION: %1 earlier interviews</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="35"/>
        <source>Pertanyaan</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="35"/>
        <source>Jawaban</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="43"/>
        <source>Enter pada jawaban: ubah jawaban itu · Alt+← kembali ke pertanyaan</source>
        <translation>Enter on an answer: change it · Alt+← back to the questions</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="50"/>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="69"/>
        <source>Pemohon setuju datanya diteruskan ke BP3MI</source>
        <translation>The applicant agrees to their data being passed to BP3MI</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="71"/>
        <source>Alasan koreksi (WAJIB):</source>
        <translation>Reason for the correction (REQUIRED):</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="81"/>
        <location filename="../../interview_app/ui/review_page.py" line="189"/>
        <source>Selesaikan wawancara (Ctrl+Enter)</source>
        <translation>Complete the interview (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="88"/>
        <source>Keputusan petugas:</source>
        <translation>Officer&apos;s decision:</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="127"/>
        <source>Tinjauan · %1</source>
        <translation>Review · %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="127"/>
        <source>Koreksi · %1</source>
        <translation>Correction · %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="141"/>
        <source>(wajib, belum dijawab)</source>
        <translation>(required, not answered)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="156"/>
        <source>Skor risiko: %1</source>
        <translation>Risk score: %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="157"/>
        <source>BENDERA BERAT</source>
        <translation>HARD FLAG</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="161"/>
        <source>Saran sistem: %1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="170"/>
        <source>Tidak ada tanda bahaya.</source>
        <translation>No red flags.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="187"/>
        <source>Simpan koreksi (Ctrl+Enter)</source>
        <translation>Save correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="193"/>
        <source>Belum lengkap: jawab pertanyaan yang ditandai merah.</source>
        <translation>Not complete: answer the questions marked red.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="212"/>
        <source>Alasan (WAJIB: keputusan berbeda dari saran):</source>
        <translation>Reason (REQUIRED: the decision differs from the suggestion):</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/review_page.py" line="214"/>
        <source>Alasan (tidak wajib):</source>
        <translation>Reason (optional):</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="38"/>
        <source>Tanda bahaya</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="42"/>
        <source>Skor: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="43"/>
        <source>BENDERA BERAT</source>
        <translation>HARD FLAG</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="46"/>
        <source>Saran: %1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="50"/>
        <source>berat</source>
        <translation>hard</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/side_panels.py" line="56"/>
        <source>Belum ada tanda bahaya.</source>
        <translation>No red flags yet.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="91"/>
        <source>Pengaturan pertama kantor</source>
        <translation>First office set-up</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="94"/>
        <source>Belum ada kantor di folder data ini. Isi data kantor dan akun supervisor pertama, atau buka kantor demo untuk mencoba.</source>
        <translation>There is no office in this data folder yet. Enter the office and the first supervisor account, or open the demo office to try the app.</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="100"/>
        <source>Loket tambahan untuk kantor yang sudah ada (pakai berkas kunci kantor)</source>
        <translation>Another workstation of an existing office (use the office key file)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="107"/>
        <source>mis. E:\kunci\PLU.key</source>
        <translation>e.g. E:\key\PLU.key</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="108"/>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="116"/>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="155"/>
        <source>Berkas kunci kantor</source>
        <translation>Office key file</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="119"/>
        <source>Kode kantor (mis. PLU)</source>
        <translation>Office code (e.g. PLU)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="120"/>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="121"/>
        <source>Nama loket</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="122"/>
        <source>Nama lengkap supervisor</source>
        <translation>Supervisor&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="123"/>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor&apos;s username</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="124"/>
        <source>Kata sandi (min. 8 karakter)</source>
        <translation>Password (min. 8 characters)</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="135"/>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="149"/>
        <source>Buat kantor</source>
        <translation>Create office</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="138"/>
        <source>Buka kantor demo</source>
        <translation>Open demo office</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="149"/>
        <source>Siapkan loket ini</source>
        <translation>Set up this workstation</translation>
    </message>
    <message>
        <location filename="../../interview_app/ui/sign_in_pages.py" line="155"/>
        <source>Kunci kantor (*.key);;Semua (*)</source>
        <translation>Office key (*.key);;All (*)</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Tindak lanjut rujukan BP3MI</source>
        <translation>BP3MI referral follow-up</translation>
    </message>
    <message>
        <source>&amp;Cari:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <source>nomor surat, NIK, nomor wawancara, atau teks dari pemindai QR</source>
        <translation>letter number, NIK, interview reference, or the text a QR reader shows</translation>
    </message>
    <message>
        <source>&amp;Lewat batas</source>
        <translation>&amp;Overdue</translation>
    </message>
    <message>
        <source>&amp;Langkah berikut:</source>
        <translation>&amp;Next step:</translation>
    </message>
    <message>
        <source>Konseling migrasi aman diberikan</source>
        <translation>Safe-migration counselling given</translation>
    </message>
    <message>
        <source>Registrasi/perusahaan dicek di SISKOP2MI</source>
        <translation>Registration/company checked in SISKOP2MI</translation>
    </message>
    <message>
        <source>No. &amp;pengaduan:</source>
        <translation>Com&amp;plaint no.:</translation>
    </message>
    <message>
        <source>&amp;Tanggal:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Catat</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>F3</source>
        <translation>F3</translation>
    </message>
    <message>
        <source>Tidak ada rujukan untuk teks ini.</source>
        <translation>No referral for this text.</translation>
    </message>
    <message>
        <source>Tidak ada rujukan yang lewat batas.</source>
        <translation>No overdue referrals.</translation>
    </message>
    <message>
        <source>Tercatat: </source>
        <translation>Recorded: </translation>
    </message>
    <message>
        <source>Tanda terima kembali dari BP3MI</source>
        <translation>Receipt returned from BP3MI</translation>
    </message>
    <message>
        <source>Pemohon datang kembali</source>
        <translation>Applicant came back</translation>
    </message>
    <message>
        <source>Paspor dilanjutkan</source>
        <translation>Passport continued</translation>
    </message>
    <message>
        <source>Paspor ditolak</source>
        <translation>Passport refused</translation>
    </message>
</context>
</TS>
