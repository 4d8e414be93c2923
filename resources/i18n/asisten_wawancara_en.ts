<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>HomePage</name>
    <message>
        <source>⚠ %1 konflik sinkronisasi menunggu: Supervisor &gt; Konflik sinkronisasi.</source>
        <translation>⚠ %1 sync conflict(s) waiting: Supervisor &gt; Sync conflicts.</translation>
    </message>
    <message>
        <source>Wawancara baru (Ctrl+N)</source>
        <translation>New interview (Ctrl+N)</translation>
    </message>
    <message>
        <source>Dikembalikan supervisor untuk dikoreksi — Enter untuk membuka</source>
        <translation>Returned by the supervisor for correction — Enter to open</translation>
    </message>
    <message>
        <source>Cari NIK, nomor paspor atau awal nama (Ctrl+F)</source>
        <translation>Search NIK, passport number or start of name (Ctrl+F)</translation>
    </message>
    <message>
        <source>Belum selesai — Enter untuk melanjutkan</source>
        <translation>Unfinished — Enter to resume</translation>
    </message>
    <message>
        <source>Hari ini di loket ini</source>
        <translation>Today at this counter</translation>
    </message>
    <message>
        <source>Tidak ada wawancara yang belum selesai.</source>
        <translation>No unfinished interviews.</translation>
    </message>
    <message>
        <source>KOREKSI belum disimpan</source>
        <translation>CORRECTION not saved</translation>
    </message>
    <message>
        <source>Belum ada wawancara hari ini.</source>
        <translation>No interviews today yet.</translation>
    </message>
    <message>
        <source>Tidak ditemukan.</source>
        <translation>Nothing found.</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <source>Tombol: angka/huruf memilih · Enter lanjut · Alt+← kembali · Ctrl+PgUp/PgDn bagian · Ctrl+R tinjau · Ctrl+L bahasa</source>
        <translation>Keys: digits/letters pick · Enter goes on · Alt+← back · Ctrl+PgUp/PgDn section · Ctrl+R review · Ctrl+L language</translation>
    </message>
    <message>
        <source>← Kembali (Alt+←)</source>
        <translation>← Back (Alt+←)</translation>
    </message>
    <message>
        <source>Tinjau dan putuskan (Ctrl+R)</source>
        <translation>Review and decide (Ctrl+R)</translation>
    </message>
    <message>
        <source>Pertanyaan %1 dari %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <source>KOREKSI</source>
        <translation>CORRECTION</translation>
    </message>
    <message>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Tekan Enter sekali lagi untuk mengonfirmasi dan lanjut.</source>
        <translation>Press Enter again to confirm and go on.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>belum selesai</source>
        <translation>unfinished</translation>
    </message>
    <message>
        <source>selesai</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>batal</source>
        <translation>voided</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Buka (Enter)</source>
        <translation>Unlock (Enter)</translation>
    </message>
    <message>
        <source>Keluar dan ganti petugas</source>
        <translation>Sign out and change officer</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Terkunci oleh %1. Wawancara tetap tersimpan; masukkan kata sandi Anda untuk melanjutkan.</source>
        <translation>Locked by %1. The interview is saved; enter your password to go on.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Masuk (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Konflik sinkronisasi…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <source>&amp;Kerja</source>
        <translation>&amp;Work</translation>
    </message>
    <message>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Kunci layar</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Keluar akun</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Ganti kata sandi…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>Tutup aplikasi</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Wawancara</source>
        <translation>&amp;Interview</translation>
    </message>
    <message>
        <source>Bahasa naskah: Indonesia/English</source>
        <translation>Script language: Indonesian/English</translation>
    </message>
    <message>
        <source>Tinjau dan putuskan</source>
        <translation>Review and decide</translation>
    </message>
    <message>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Supervisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <source>Pengaturan kantor dan akun…</source>
        <translation>Office settings and accounts…</translation>
    </message>
    <message>
        <source>Sinkronisasi / Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Kata sandi sudah diganti.</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>Selamat bekerja, %1</source>
        <translation>Welcome, %1</translation>
    </message>
    <message>
        <source>Cetak slip/ringkasan…</source>
        <translation>Print slip/summary…</translation>
    </message>
    <message>
        <source>Koreksi jawaban… (revisi baru dengan alasan)</source>
        <translation>Correct answers… (new revision with a reason)</translation>
    </message>
    <message>
        <source>Koreksi wawancara %1 disimpan sebagai revisi baru. Keputusan: %2.</source>
        <translation>Correction of interview %1 saved as a new revision. Decision: %2.</translation>
    </message>
    <message>
        <source>Wawancara %1 selesai. Keputusan: %2.</source>
        <translation>Interview %1 completed. Decision: %2.</translation>
    </message>
    <message>
        <source>Pemohon dirujuk: cetak slip rujukan BP3MI.</source>
        <translation>Applicant referred: print the BP3MI referral slip.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Catatan petugas (Ctrl+K)</source>
        <translation>Officer&apos;s notes (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>PasswordChangePage</name>
    <message>
        <source>Ganti kata sandi</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Simpan kata sandi (Enter)</source>
        <translation>Save password (Enter)</translation>
    </message>
    <message>
        <source>Batal dan keluar</source>
        <translation>Cancel and sign out</translation>
    </message>
    <message>
        <source>Kata sandi sekarang</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>%1, kata sandi Anda direset oleh supervisor. Buat kata sandi baru sebelum mulai bekerja; kata sandi yang panjang dan bukan nama pengguna.</source>
        <translation>%1, a supervisor reset your password. Make a new one before you start work: a long one, not your username.</translation>
    </message>
    <message>
        <source>%1, buat kata sandi baru: yang panjang dan bukan nama pengguna.</source>
        <translation>%1, make a new password: a long one, not your username.</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Arsip wawancara %1 (hanya baca)</source>
        <translation>Interview record %1 (read-only)</translation>
    </message>
    <message>
        <source>Status: %1 · Keputusan: %2 · Skor: %3</source>
        <translation>Status: %1 · Decision: %2 · Score: %3</translation>
    </message>
    <message>
        <source>Tidak ada tanda bahaya.</source>
        <translation>No red flags.</translation>
    </message>
    <message>
        <source>Pertanyaan</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Jawaban</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RecruiterPanel</name>
    <message>
        <source>Perekrut yang sama</source>
        <translation>Same recruiter</translation>
    </message>
    <message>
        <source>PERHATIAN: perekrut ini muncul di %1 wawancara lain</source>
        <translation>ATTENTION: this recruiter appears in %1 other interviews</translation>
    </message>
    <message>
        <source>(%1 yang terbaru ditampilkan)</source>
        <translation>(the %1 newest are shown)</translation>
    </message>
</context>
<context>
    <name>RepeatPanel</name>
    <message>
        <source>Wawancara sebelumnya</source>
        <translation>Earlier interviews</translation>
    </message>
    <message>
        <source>Tidak ada wawancara sebelumnya dengan NIK ini.</source>
        <translation>No earlier interviews with this NIK.</translation>
    </message>
    <message>
        <source>PERHATIAN: %1 wawancara sebelumnya</source>
        <translation>ATTENTION: %1 earlier interviews</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>Pertanyaan</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Jawaban</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Enter pada jawaban: ubah jawaban itu · Alt+← kembali ke pertanyaan</source>
        <translation>Enter on an answer: change it · Alt+← back to the questions</translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Pemohon setuju datanya diteruskan ke BP3MI</source>
        <translation>The applicant agrees to their data being passed to BP3MI</translation>
    </message>
    <message>
        <source>Alasan koreksi (WAJIB):</source>
        <translation>Reason for the correction (REQUIRED):</translation>
    </message>
    <message>
        <source>Selesaikan wawancara (Ctrl+Enter)</source>
        <translation>Complete the interview (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Keputusan petugas:</source>
        <translation>Officer&apos;s decision:</translation>
    </message>
    <message>
        <source>Tinjauan · %1</source>
        <translation>Review · %1</translation>
    </message>
    <message>
        <source>Koreksi · %1</source>
        <translation>Correction · %1</translation>
    </message>
    <message>
        <source>(wajib, belum dijawab)</source>
        <translation>(required, not answered)</translation>
    </message>
    <message>
        <source>Skor risiko: %1</source>
        <translation>Risk score: %1</translation>
    </message>
    <message>
        <source>BENDERA BERAT</source>
        <translation>HARD FLAG</translation>
    </message>
    <message>
        <source>Saran sistem: %1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <source>Tidak ada tanda bahaya.</source>
        <translation>No red flags.</translation>
    </message>
    <message>
        <source>Simpan koreksi (Ctrl+Enter)</source>
        <translation>Save correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Belum lengkap: jawab pertanyaan yang ditandai merah.</source>
        <translation>Not complete: answer the questions marked red.</translation>
    </message>
    <message>
        <source>Alasan (WAJIB: keputusan berbeda dari saran):</source>
        <translation>Reason (REQUIRED: the decision differs from the suggestion):</translation>
    </message>
    <message>
        <source>Alasan (tidak wajib):</source>
        <translation>Reason (optional):</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>Tanda bahaya</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>Skor: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>BENDERA BERAT</source>
        <translation>HARD FLAG</translation>
    </message>
    <message>
        <source>Saran: %1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <source>berat</source>
        <translation>hard</translation>
    </message>
    <message>
        <source>Belum ada tanda bahaya.</source>
        <translation>No red flags yet.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Pengaturan pertama kantor</source>
        <translation>First office set-up</translation>
    </message>
    <message>
        <source>Belum ada kantor di folder data ini. Isi data kantor dan akun supervisor pertama, atau buka kantor demo untuk mencoba.</source>
        <translation>There is no office in this data folder yet. Enter the office and the first supervisor account, or open the demo office to try the app.</translation>
    </message>
    <message>
        <source>Loket tambahan untuk kantor yang sudah ada (pakai berkas kunci kantor)</source>
        <translation>Another workstation of an existing office (use the office key file)</translation>
    </message>
    <message>
        <source>mis. E:\kunci\PLU.key</source>
        <translation>e.g. E:\key\PLU.key</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Berkas kunci kantor</source>
        <translation>Office key file</translation>
    </message>
    <message>
        <source>Kode kantor (mis. PLU)</source>
        <translation>Office code (e.g. PLU)</translation>
    </message>
    <message>
        <source>Nama kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>Nama loket</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <source>Nama lengkap supervisor</source>
        <translation>Supervisor&apos;s full name</translation>
    </message>
    <message>
        <source>Nama pengguna supervisor</source>
        <translation>Supervisor&apos;s username</translation>
    </message>
    <message>
        <source>Kata sandi (min. 8 karakter)</source>
        <translation>Password (min. 8 characters)</translation>
    </message>
    <message>
        <source>Buat kantor</source>
        <translation>Create office</translation>
    </message>
    <message>
        <source>Buka kantor demo</source>
        <translation>Open demo office</translation>
    </message>
    <message>
        <source>Siapkan loket ini</source>
        <translation>Set up this workstation</translation>
    </message>
    <message>
        <source>Kunci kantor (*.key);;Semua (*)</source>
        <translation>Office key (*.key);;All (*)</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Impor menyisihkan versi yang bertentangan dengan data di sini; tidak ada yang ditimpa. Bandingkan kedua versi, pilih yang dipertahankan dan tulis alasannya. Pilihan ini ikut paket ekspor berikutnya ke loket lain.</source>
        <translation>Imports set aside versions that contradict the data here; nothing is overwritten. Compare both versions, choose the one to keep and write why. The choice travels in the next export package to the other workstations.</translation>
    </message>
    <message>
        <source>Tampilkan juga yang sudah &amp;diselesaikan</source>
        <translation>Show &amp;resolved ones too</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Terdeteksi</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>Dari loket</source>
        <translation>From workstation</translation>
    </message>
    <message>
        <source>Wawancara</source>
        <translation>Interview</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Diselesaikan</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Versi di sini</source>
        <translation>Local version</translation>
    </message>
    <message>
        <source>Versi masuk</source>
        <translation>Incoming version</translation>
    </message>
    <message>
        <source>Pertahankan versi di &amp;sini</source>
        <translation>Keep the &amp;local version</translation>
    </message>
    <message>
        <source>Pertahankan versi &amp;masuk</source>
        <translation>Keep the &amp;incoming version</translation>
    </message>
    <message>
        <source>Alasan (wajib), mis. sudah dicek dengan berkas</source>
        <translation>Reason (required), e.g. checked against the file</translation>
    </message>
    <message>
        <source>&amp;Alasan:</source>
        <translation>Rea&amp;son:</translation>
    </message>
    <message>
        <source>S&amp;elesaikan konflik</source>
        <translation>R&amp;esolve conflict</translation>
    </message>
    <message>
        <source>%1 konflik menunggu</source>
        <translation>%1 conflict(s) waiting</translation>
    </message>
    <message>
        <source>Pilih konflik untuk membandingkan kedua versinya.</source>
        <translation>Choose a conflict to compare its two versions.</translation>
    </message>
    <message>
        <source>Konflik #%1, %2: %3 isian berbeda (ditandai ≠).</source>
        <translation>Conflict #%1, %2: %3 field(s) differ (marked ≠).</translation>
    </message>
    <message>
        <source>versi di sini</source>
        <translation>the local version</translation>
    </message>
    <message>
        <source>versi masuk</source>
        <translation>the incoming version</translation>
    </message>
    <message>
        <source>Diselesaikan %1: %2 dipertahankan. Alasan: %3</source>
        <translation>Resolved %1: %2 kept. Reason: %3</translation>
    </message>
    <message>
        <source>Diselesaikan %1.</source>
        <translation>Resolved %1.</translation>
    </message>
    <message>
        <source>Pilih konflik dulu.</source>
        <translation>Choose a conflict first.</translation>
    </message>
    <message>
        <source>Konflik #%1 diselesaikan. Pilihan ini ikut paket ekspor berikutnya ke loket lain.</source>
        <translation>Conflict #%1 resolved. The choice travels in the next export package to the other workstations.</translation>
    </message>
</context>
</TS>
