<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Sistem</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Naskah aktif</source>
        <translation>Active script</translation>
    </message>
    <message>
        <source>Folder data</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Ukuran basis data</source>
        <translation>Database size</translation>
    </message>
    <message>
        <source>Snapshot terakhir</source>
        <translation>Last snapshot</translation>
    </message>
    <message>
        <source>Cadangan terakhir (folder backups)</source>
        <translation>Last backup (backups folder)</translation>
    </message>
    <message>
        <source>Tentang Asisten Wawancara</source>
        <translation>About Asisten Wawancara</translation>
    </message>
    <message>
        <source>Asisten wawancara TPPO/TPPM untuk petugas imigrasi.</source>
        <translation>TPPO/TPPM interview assistant for immigration officers.</translation>
    </message>
    <message>
        <source>&amp;Salin info diagnostik</source>
        <translation>&amp;Copy diagnostic information</translation>
    </message>
    <message>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Atur ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Kata sandi sementara untuk %1
(wajib diganti saat masuk)</source>
        <translation>Temporary password for %1
(must be changed at sign-in)</translation>
    </message>
    <message>
        <source>Buat kode pemulihan baru? Kode yang tersimpan di brankas tidak berlaku lagi sesudahnya.</source>
        <translation>Make a new recovery code? The code kept in the safe stops working afterwards.</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Akun &amp;baru…</source>
        <translation>&amp;New account…</translation>
    </message>
    <message>
        <source>Atur &amp;ulang sandi…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Buka &amp;kunci</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>&amp;Nonaktifkan</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>Ak&amp;tifkan</source>
        <translation>Ac&amp;tivate</translation>
    </message>
    <message>
        <source>Kode &amp;pemulihan baru…</source>
        <translation>New &amp;recovery code…</translation>
    </message>
    <message>
        <source>Akun tidak pernah dihapus (log audit tetap menyebut namanya).</source>
        <translation>Accounts are never deleted (the audit log keeps their name).</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>terkunci</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>wajib ganti sandi</source>
        <translation>must change password</translation>
    </message>
    <message>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Pilih akun dulu.</source>
        <translation>Choose an account first.</translation>
    </message>
    <message>
        <source>Akun %1 dibuat; sandi wajib diganti saat masuk pertama.</source>
        <translation>Account %1 created; the password must be changed at first sign-in.</translation>
    </message>
    <message>
        <source>Sandi %1 diatur ulang; wajib diganti saat masuk.</source>
        <translation>Password of %1 reset; it must be changed at sign-in.</translation>
    </message>
    <message>
        <source>Akun %1 dibuka.</source>
        <translation>Account %1 unlocked.</translation>
    </message>
    <message>
        <source>Akun %1 dinonaktifkan.</source>
        <translation>Account %1 deactivated.</translation>
    </message>
    <message>
        <source>Akun %1 diaktifkan.</source>
        <translation>Account %1 activated.</translation>
    </message>
    <message>
        <source>Kode pemulihan baru dibuat; kode yang lama tidak berlaku.</source>
        <translation>A new recovery code was made; the old code no longer works.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Semua &amp;tanggal</source>
        <translation>All &amp;dates</translation>
    </message>
    <message>
        <source>— semua —</source>
        <translation>— all —</translation>
    </message>
    <message>
        <source>mis. officer:2</source>
        <translation>e.g. officer:2</translation>
    </message>
    <message>
        <source>Tampi&amp;lkan</source>
        <translation>Sho&amp;w</translation>
    </message>
    <message>
        <source>&amp;Periksa rantai</source>
        <translation>&amp;Check the chain</translation>
    </message>
    <message>
        <source>&amp;Dari</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Sampai</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>T&amp;indakan</source>
        <translation>Act&amp;ion</translation>
    </message>
    <message>
        <source>P&amp;elaku</source>
        <translation>Act&amp;or</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Pelaku</source>
        <translation>Actor</translation>
    </message>
    <message>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Objek</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1 entri</source>
        <translation>%1 entries</translation>
    </message>
</context>
<context>
    <name>BoolEditor</name>
    <message>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
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
        <translation>Interviews</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Versi di sini</source>
        <translation>Version here</translation>
    </message>
    <message>
        <source>Versi masuk</source>
        <translation>Incoming version</translation>
    </message>
    <message>
        <source>%1 konflik menunggu</source>
        <translation>%1 conflict(s) waiting</translation>
    </message>
    <message>
        <source>Pilih konflik dulu.</source>
        <translation>Choose a conflict first.</translation>
    </message>
    <message>
        <source>Impor menyisihkan versi yang bertentangan dengan data di sini; tidak ada yang ditimpa. Bandingkan kedua versi, pilih yang dipertahankan dan tulis alasannya. Pilihan ini ikut paket ekspor berikutnya ke loket lain.</source>
        <translation>Imports set aside versions that contradict the data here; nothing is overwritten. Compare both versions, choose the one to keep and write why. The choice travels in the next export package to the other workstations.</translation>
    </message>
    <message>
        <source>Tampilkan juga yang sudah &amp;diselesaikan</source>
        <translation>Show &amp;resolved ones too</translation>
    </message>
    <message>
        <source>Diselesaikan</source>
        <translation>Resolved</translation>
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
        <source>Konflik #%1 diselesaikan. Pilihan ini ikut paket ekspor berikutnya ke loket lain.</source>
        <translation>Conflict #%1 resolved. The choice travels in the next export package to the other workstations.</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <source>Aplikasi berhenti tidak wajar pada penggunaan sebelumnya. Laporan ada di:
%1
Serahkan ke petugas TI.</source>
        <translation>The application stopped abnormally last time. The reports are in:
%1
Give them to IT support.</translation>
    </message>
    <message>
        <source>Terjadi kesalahan program. Jawaban yang sudah diberikan tetap tersimpan. Laporan disimpan di:
%1
Serahkan berkas ini ke petugas TI.</source>
        <translation>A program error occurred. The answers given are saved. A report was written to:
%1
Give this file to IT support.</translation>
    </message>
</context>
<context>
    <name>EncryptionProgress</name>
    <message>
        <source>Mengenkripsi data kantor</source>
        <translation>Encrypting the office&apos;s data</translation>
    </message>
    <message>
        <source>Folder data ini dari versi sebelumnya dan belum terenkripsi. Data dienkripsi sekarang; jangan matikan komputer. Ini bisa memakan beberapa menit.</source>
        <translation>This data folder is from the previous version and is not encrypted yet. The data is being encrypted now; do not switch the computer off. This can take a few minutes.</translation>
    </message>
    <message>
        <source>Enkripsi selesai; data dibuka…</source>
        <translation>Encryption finished; opening the data…</translation>
    </message>
    <message>
        <source>Mengenkripsi berkas %1 dari %2: %3. Jangan matikan komputer.</source>
        <translation>Encrypting file %1 of %2: %3. Do not switch the computer off.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
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
        <source>⚠ %1 konflik sinkronisasi menunggu: Supervisor &gt; Konflik sinkronisasi.</source>
        <translation>⚠ %1 sync conflict(s) waiting: Supervisor &gt; Sync conflicts.</translation>
    </message>
    <message>
        <source>Tidak ditemukan.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <source>Rujukan lewat batas: %1 (Ctrl+Shift+R, lalu F3)</source>
        <translation>Overdue referrals: %1 (Ctrl+Shift+R, then F3)</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
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
        <source>Dari wawancara sebelumnya: Enter memakainya, atau ketik yang baru.</source>
        <translation>From the earlier interview: Enter keeps it, or type the new one.</translation>
    </message>
    <message>
        <source>Mungkin maksud Anda: %1</source>
        <translation>Did you mean: %1</translation>
    </message>
    <message>
        <source>Tekan Enter sekali lagi untuk mengonfirmasi dan lanjut.</source>
        <translation>Press Enter again to confirm and go on.</translation>
    </message>
</context>
<context>
    <name>InterviewViewDialog</name>
    <message>
        <source>No. paspor</source>
        <translation>Passport no.</translation>
    </message>
    <message>
        <source>No. permohonan</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Kab./kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kontak darurat</source>
        <translation>Emergency contact</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Status: %1 · revisi %2</source>
        <translation>Status: %1 · revision %2</translation>
    </message>
    <message>
        <source>Petugas: %1</source>
        <translation>Officer: %1</translation>
    </message>
    <message>
        <source>Mulai: %1 · selesai: %2</source>
        <translation>Started: %1 · completed: %2</translation>
    </message>
    <message>
        <source>Naskah: %1</source>
        <translation>Script: %1</translation>
    </message>
    <message>
        <source>Skor: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>tanda bahaya berat</source>
        <translation>hard red flag</translation>
    </message>
    <message>
        <source>Saran: %1</source>
        <translation>Suggested: %1</translation>
    </message>
    <message>
        <source>keputusan:</source>
        <translation>decision:</translation>
    </message>
    <message>
        <source>Alasan: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>berat</source>
        <translation>hard</translation>
    </message>
    <message>
        <source>ditinjau</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <source>dikembalikan</source>
        <translation>returned</translation>
    </message>
    <message>
        <source>%1 — hanya baca</source>
        <translation>%1 — read-only</translation>
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
        <source>&amp;Wawancara</source>
        <translation>&amp;Interview</translation>
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
        <source>Tutup aplikasi…</source>
        <translation>Quit…</translation>
    </message>
    <message>
        <source>Ganti bahasa naskah (Indonesia/English)</source>
        <translation>Switch the script language (Indonesian/English)</translation>
    </message>
    <message>
        <source>Si&amp;nkronisasi</source>
        <translation>Sy&amp;nc</translation>
    </message>
    <message>
        <source>Sinkronisasi flashdisk…</source>
        <translation>USB sync…</translation>
    </message>
    <message>
        <source>&amp;Bantuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Tentang Asisten Wawancara…</source>
        <translation>About Asisten Wawancara…</translation>
    </message>
    <message>
        <source>Salin info diagnostik</source>
        <translation>Copy diagnostic information</translation>
    </message>
    <message>
        <source>Buka folder log</source>
        <translation>Open the logs folder</translation>
    </message>
    <message>
        <source>Kantor demo, akun (nama pengguna / kata sandi): %1</source>
        <translation>Demo office, accounts (username / password): %1</translation>
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
        <source>KOREKSI</source>
        <translation>CORRECTION</translation>
    </message>
    <message>
        <source>Tutup Asisten Wawancara?</source>
        <translation>Quit Asisten Wawancara?</translation>
    </message>
    <message>
        <source>Koreksi belum disimpan. Tinggalkan dan buang perubahannya?</source>
        <translation>The correction is not saved. Leave and discard the changes?</translation>
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
    <message>
        <source>Cetak slip</source>
        <translation>Print slip</translation>
    </message>
    <message>
        <source>Cetak ringkasan</source>
        <translation>Print summary</translation>
    </message>
    <message>
        <source>Snapshot harian gagal: %1</source>
        <translation>Daily snapshot failed: %1</translation>
    </message>
    <message>
        <source>Snapshot harian tersimpan: %1</source>
        <translation>Daily snapshot saved: %1</translation>
    </message>
    <message>
        <source>Tinjauan wawancara…</source>
        <translation>Interview review…</translation>
    </message>
    <message>
        <source>Log audit…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>Rekap dan ekspor…</source>
        <translation>Recap and export…</translation>
    </message>
    <message>
        <source>Akun petugas…</source>
        <translation>Officer accounts…</translation>
    </message>
    <message>
        <source>Naskah wawancara…</source>
        <translation>Interview scripts…</translation>
    </message>
    <message>
        <source>Pengaturan kantor…</source>
        <translation>Office settings…</translation>
    </message>
    <message>
        <source>Masa simpan data…</source>
        <translation>Data retention…</translation>
    </message>
    <message>
        <source>Konflik sinkronisasi…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <source>Info diagnostik disalin; tempel ke pesan untuk petugas TI.</source>
        <translation>Diagnostic information copied; paste it into a message to IT support.</translation>
    </message>
    <message>
        <source>Folder log: %1</source>
        <translation>Logs folder: %1</translation>
    </message>
    <message>
        <source>Tindak lanjut rujukan…</source>
        <translation>Referral follow-up…</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>Akun baru</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>Nama &amp;lengkap</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>NI&amp;P</source>
        <translation>NI&amp;P (staff number)</translation>
    </message>
    <message>
        <source>Pe&amp;ran</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>Kata sandi &amp;awal</source>
        <translation>&amp;First password</translation>
    </message>
    <message>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <source>Kata sandi tidak sama.</source>
        <translation>The passwords differ.</translation>
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
    <name>OutcomeCodesEditor</name>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Label (ID)</source>
        <translation>Label (ID)</translation>
    </message>
    <message>
        <source>Label (EN)</source>
        <translation>Label (EN)</translation>
    </message>
    <message>
        <source>Rujuk BP3MI</source>
        <translation>Refers to BP3MI</translation>
    </message>
    <message>
        <source>Tambah kode</source>
        <translation>Add code</translation>
    </message>
    <message>
        <source>Hapus baris</source>
        <translation>Remove row</translation>
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
    <name>PathEditor</name>
    <message>
        <source>(bawaan)</source>
        <translation>(default)</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>RecapPage</name>
    <message>
        <source>Rekap PDF dengan grafik</source>
        <translation>PDF recap with charts</translation>
    </message>
    <message>
        <source>Daftar wawancara XLSX (Excel)</source>
        <translation>Interview list XLSX (Excel)</translation>
    </message>
    <message>
        <source>Daftar wawancara CSV</source>
        <translation>Interview list CSV</translation>
    </message>
    <message>
        <source>Simpan rekap</source>
        <translation>Save the recap</translation>
    </message>
    <message>
        <source>Disa&amp;markan: NIK, nama dan telepon</source>
        <translation>Red&amp;acted: NIK, names and phone numbers</translation>
    </message>
    <message>
        <source>&amp;Buat dan simpan…</source>
        <translation>&amp;Create and save…</translation>
    </message>
    <message>
        <source>&amp;Dari tanggal</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Sampai tanggal</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>B&amp;entuk</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>Rekap PDF hanya berisi angka, tanpa data pribadi. Daftar CSV/XLSX berisi data pribadi kecuali disamarkan; setiap ekspor dicatat di log audit.</source>
        <translation>The PDF recap holds figures only, no personal data. The CSV/XLSX list holds personal data unless redacted; every export is written to the audit log.</translation>
    </message>
    <message>
        <source>Membuat rekap…</source>
        <translation>Writing the recap…</translation>
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
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Kode pemulihan kantor</source>
        <translation>Office recovery code</translation>
    </message>
    <message>
        <source>Data kantor ini terenkripsi. Kode di bawah membuka folder data bila semua kata sandi supervisor hilang, dan hanya ditampilkan sekali ini.</source>
        <translation>This office&apos;s data is encrypted. The code below opens the data folder if every supervisor password is lost, and it is shown this once only.</translation>
    </message>
    <message>
        <source>Tulis atau cetak kode ini dan simpan di brankas kantor, terpisah dari komputer. Siapa pun yang memegangnya dapat membuka data kantor. Bila kode ini hilang dan tidak ada supervisor yang ingat kata sandinya, data tidak dapat dibuka oleh siapa pun.</source>
        <translation>Write this code down or print it and keep it in the office safe, away from the computer. Whoever holds it can open the office&apos;s data. If this code is lost and no supervisor remembers their password, nobody can open the data.</translation>
    </message>
    <message>
        <source>Saya sudah menulis atau mencetak kode ini dan akan menyimpannya di brankas.</source>
        <translation>I have written down or printed this code and will keep it in the safe.</translation>
    </message>
    <message>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Membuka folder data Asisten Wawancara bila semua kata sandi supervisor hilang (&apos;interview-app account reset-password --recovery-code-file&apos;). Simpan di brankas kantor; jangan disimpan di komputer.</source>
        <translation>Opens the Asisten Wawancara data folder if every supervisor password is lost (&apos;interview-app account reset-password --recovery-code-file&apos;). Keep it in the office safe; never on the computer.</translation>
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
    <message>
        <source>Ctrl+J: ambil data identitas dari yang terbaru</source>
        <translation>Ctrl+J: take the identity from the newest</translation>
    </message>
    <message>
        <source>Rujukan</source>
        <translation>Referral</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <source>Hapus data</source>
        <translation>Delete data</translation>
    </message>
    <message>
        <source>Masa simpan: %1 tahun (ubah di Pengaturan &gt; Masa simpan data). Wawancara yang lebih tua dihapus beserta jawaban, tanda bahaya, revisi dan slipnya; log audit tetap utuh.</source>
        <translation>Retention: %1 years (change it in Settings &gt; Data retention). Older interviews are deleted with their answers, red flags, revisions and slips; the audit log stays whole.</translation>
    </message>
    <message>
        <source>&amp;Uji coba</source>
        <translation>&amp;Dry run</translation>
    </message>
    <message>
        <source>&amp;Hapus sekarang…</source>
        <translation>&amp;Purge now…</translation>
    </message>
    <message>
        <source>No. referensi</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>%1 wawancara dibuat sebelum %2 akan dihapus.</source>
        <translation>%1 interview(s) created before %2 would be deleted.</translation>
    </message>
    <message>
        <source>%1 wawancara akan dihapus permanen. Lanjutkan?</source>
        <translation>%1 interview(s) will be deleted for good. Continue?</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
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
        <source>TANDA BAHAYA BERAT</source>
        <translation>HARD RED FLAG</translation>
    </message>
    <message>
        <source>Saran sistem: %1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <source>berat</source>
        <translation>hard</translation>
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
    <message>
        <source>Kembalikan ke petugas</source>
        <translation>Return to officer</translation>
    </message>
    <message>
        <source>Apa yang perlu dikoreksi pada %1?</source>
        <translation>What should be corrected in %1?</translation>
    </message>
    <message>
        <source>Semua t&amp;anggal</source>
        <translation>All d&amp;ates</translation>
    </message>
    <message>
        <source>Tampi&amp;lkan</source>
        <translation>Sho&amp;w</translation>
    </message>
    <message>
        <source>&amp;Dari</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Sampai</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>&amp;Petugas</source>
        <translation>O&amp;fficer</translation>
    </message>
    <message>
        <source>&amp;Hasil</source>
        <translation>O&amp;utcome</translation>
    </message>
    <message>
        <source>Tanda &amp;bahaya</source>
        <translation>Red f&amp;lag</translation>
    </message>
    <message>
        <source>T&amp;ujuan</source>
        <translation>Desti&amp;nation</translation>
    </message>
    <message>
        <source>Tinjaua&amp;n</source>
        <translation>Re&amp;view</translation>
    </message>
    <message>
        <source>No. referensi</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Pemohon</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Skor</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Tanda bahaya</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>Tujuan</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Tinjauan</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>&amp;Buka (hanya baca)</source>
        <translation>&amp;Open (read-only)</translation>
    </message>
    <message>
        <source>Tandai sudah di&amp;tinjau</source>
        <translation>Mark re&amp;viewed</translation>
    </message>
    <message>
        <source>&amp;Kembalikan ke petugas…</source>
        <translation>&amp;Return to officer…</translation>
    </message>
    <message>
        <source>— semua —</source>
        <translation>— all —</translation>
    </message>
    <message>
        <source>belum ditinjau</source>
        <translation>not reviewed</translation>
    </message>
    <message>
        <source>sudah ditinjau</source>
        <translation>reviewed</translation>
    </message>
    <message>
        <source>dikembalikan</source>
        <translation>returned</translation>
    </message>
    <message>
        <source>dikoreksi setelah dikembalikan</source>
        <translation>corrected after return</translation>
    </message>
    <message>
        <source>%1 wawancara terbaru; persempit saringan untuk yang lain</source>
        <translation>the %1 newest interviews; narrow the filters to see others</translation>
    </message>
    <message>
        <source>%1 wawancara</source>
        <translation>%1 interview(s)</translation>
    </message>
    <message>
        <source>Pilih wawancara dulu.</source>
        <translation>Choose an interview first.</translation>
    </message>
    <message>
        <source>%1: sudah ditinjau</source>
        <translation>%1: reviewed</translation>
    </message>
    <message>
        <source>%1 dikembalikan ke %2.</source>
        <translation>%1 returned to %2.</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>Dugaan tujuan (dicetak pada slip):</source>
        <translation>Suspected purpose (printed on the slip):</translation>
    </message>
    <message>
        <source> (saran)</source>
        <translation> (suggested)</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <source>Tanda bahaya</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>Skor: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>TANDA BAHAYA BERAT</source>
        <translation>HARD RED FLAG</translation>
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
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
</context>
<context>
    <name>ScriptsPage</name>
    <message>
        <source>Pilih naskah</source>
        <translation>Choose a script</translation>
    </message>
    <message>
        <source>Naskah (*.yaml *.yml)</source>
        <translation>Scripts (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Aktifkan naskah</source>
        <translation>Activate script</translation>
    </message>
    <message>
        <source>Naskah</source>
        <translation>Script</translation>
    </message>
    <message>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Dipasang</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Masalah naskah dan perbedaannya dengan naskah aktif tampil di sini.</source>
        <translation>A script&apos;s problems and its differences from the active script show here.</translation>
    </message>
    <message>
        <source>&amp;Pasang berkas naskah…</source>
        <translation>&amp;Install a script file…</translation>
    </message>
    <message>
        <source>&amp;Aktifkan yang dipilih</source>
        <translation>&amp;Activate selected</translation>
    </message>
    <message>
        <source>Wawancara lama selalu tampil dengan naskahnya sendiri.</source>
        <translation>Older interviews always show with their own script.</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Tidak ada yang dipasang atau diaktifkan.</source>
        <translation>Nothing was installed or activated.</translation>
    </message>
    <message>
        <source>Terpasang (belum aktif): %1</source>
        <translation>Installed (not active): %1</translation>
    </message>
    <message>
        <source>Naskah %1 terpasang; periksa perbedaannya lalu aktifkan.</source>
        <translation>Script %1 installed; read the differences, then activate it.</translation>
    </message>
    <message>
        <source>%1: naskah aktif</source>
        <translation>%1: the active script</translation>
    </message>
    <message>
        <source>Pilih naskah dulu.</source>
        <translation>Choose a script first.</translation>
    </message>
    <message>
        <source>Aktifkan %1 untuk wawancara baru?</source>
        <translation>Activate %1 for new interviews?</translation>
    </message>
    <message>
        <source>Kode hasil baru: %1.</source>
        <translation>New outcome codes: %1.</translation>
    </message>
    <message>
        <source>Aktif: %1.</source>
        <translation>Active: %1.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Pengaturan kantor</source>
        <translation>Office settings</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Batalkan perubahan</source>
        <translation>&amp;Undo changes</translation>
    </message>
    <message>
        <source>Tersimpan: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>Tidak ada perubahan</source>
        <translation>Nothing changed</translation>
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
        <source>diberikan supervisor terpisah dari berkas</source>
        <translation>given by the supervisor, apart from the file</translation>
    </message>
    <message>
        <source>Frasa sandi berkas kunci</source>
        <translation>Key file passphrase</translation>
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
        <source>Kunci kantor (*.awkey *.key *.json);;Semua (*)</source>
        <translation>Office key (*.awkey *.key *.json);;All (*)</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Simpan PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>&amp;Tutup</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>asli</source>
        <translation>original</translation>
    </message>
    <message>
        <source>SALINAN ke-%1</source>
        <translation>COPY no. %1</translation>
    </message>
    <message>
        <source>Surat Pengantar Rujukan</source>
        <translation>Referral letter</translation>
    </message>
    <message>
        <source>Ringkasan Hasil Wawancara</source>
        <translation>Interview summary</translation>
    </message>
    <message>
        <source>Pemberitahuan untuk Pemohon</source>
        <translation>Notice for the applicant</translation>
    </message>
    <message>
        <source>Surat Pemberitahuan kepada Aparat Penegak Hukum</source>
        <translation>Letter to law enforcement</translation>
    </message>
    <message>
        <source>Simpan slip sebagai PDF</source>
        <translation>Save slip as PDF</translation>
    </message>
    <message>
        <source>Tersimpan: %1 (salinan ke-%2).</source>
        <translation>Saved: %1 (copy no. %2).</translation>
    </message>
    <message>
        <source>Cetak slip</source>
        <translation>Print slip</translation>
    </message>
    <message>
        <source>Dikirim ke printer (salinan ke-%1).</source>
        <translation>Sent to the printer (copy no. %1).</translation>
    </message>
</context>
<context>
    <name>SupervisorToolsWindow</name>
    <message>
        <source>Alat supervisor</source>
        <translation>Supervisor tools</translation>
    </message>
    <message>
        <source>&amp;Pengaturan</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>A&amp;kun</source>
        <translation>&amp;Accounts</translation>
    </message>
    <message>
        <source>&amp;Naskah</source>
        <translation>Scri&amp;pts</translation>
    </message>
    <message>
        <source>&amp;Tinjauan</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>&amp;Log audit</source>
        <translation>A&amp;udit log</translation>
    </message>
    <message>
        <source>&amp;Masa simpan</source>
        <translation>Re&amp;tention</translation>
    </message>
    <message>
        <source>&amp;Rekap</source>
        <translation>Re&amp;cap</translation>
    </message>
    <message>
        <source>K&amp;onflik sinkronisasi</source>
        <translation>Sync c&amp;onflicts</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sinkronisasi flashdisk</source>
        <translation>USB sync</translation>
    </message>
    <message>
        <source>&amp;Ekspor</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Impor</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>&amp;Riwayat</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Kunci kantor</source>
        <translation>Office &amp;key</translation>
    </message>
    <message>
        <source>&amp;Tujuan (flashdisk):</source>
        <translation>&amp;Destination (USB stick):</translation>
    </message>
    <message>
        <source>Se&amp;garkan</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Pilih &amp;folder lain…</source>
        <translation>Other &amp;folder…</translation>
    </message>
    <message>
        <source>Semua data (&amp;penuh)</source>
        <translation>&amp;Full export (all data)</translation>
    </message>
    <message>
        <source>Tanpa centang: hanya wawancara baru atau berubah sejak ekspor terakhir ke tujuan ini.</source>
        <translation>Unchecked: only interviews new or changed since the last export to this destination.</translation>
    </message>
    <message>
        <source>Ekspor &amp;sekarang</source>
        <translation>Export &amp;now</translation>
    </message>
    <message>
        <source>Pilih &amp;paket…</source>
        <translation>Choose &amp;packages…</translation>
    </message>
    <message>
        <source>Paket diperiksa dulu; belum ada yang diubah sampai &apos;Impor sekarang&apos;.</source>
        <translation>Packages are checked first; nothing changes until &apos;Import now&apos;.</translation>
    </message>
    <message>
        <source>Impor s&amp;ekarang</source>
        <translation>Import &amp;now</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Wawancara</source>
        <translation>Interviews</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>PENTING: berkas kunci kantor membuka semua paket data kantor ini. Bawa dan simpan TERPISAH dari flashdisk data; jangan dikirim lewat surel atau pesan.</source>
        <translation>IMPORTANT: the office key file opens every data package of this office. Carry and keep it SEPARATE from data sticks; never send it by e-mail or chat.</translation>
    </message>
    <message>
        <source>Frasa sandi berkas (min. %1 karakter)</source>
        <translation>File passphrase (at least %1 characters)</translation>
    </message>
    <message>
        <source>Ulangi frasa sandi</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>Ekspor &amp;kunci kantor…</source>
        <translation>Export office &amp;key…</translation>
    </message>
    <message>
        <source>%1 bebas</source>
        <translation>%1 free</translation>
    </message>
    <message>
        <source>Tidak ada flashdisk terpasang. Pasang flashdisk lalu &apos;Segarkan&apos;, atau pilih folder lain.</source>
        <translation>No USB stick found. Insert one and &apos;Refresh&apos;, or choose another folder.</translation>
    </message>
    <message>
        <source>folder lain</source>
        <translation>other folder</translation>
    </message>
    <message>
        <source>Folder tujuan ekspor</source>
        <translation>Export destination folder</translation>
    </message>
    <message>
        <source>Pilih paket sinkronisasi</source>
        <translation>Choose sync packages</translation>
    </message>
    <message>
        <source>Paket sinkronisasi (*%1);;Semua berkas (*)</source>
        <translation>Sync packages (*%1);;All files (*)</translation>
    </message>
    <message>
        <source>%1 paket siap diimpor, %2 ditolak. Periksa lalu tekan &apos;Impor sekarang&apos;.</source>
        <translation>%1 package(s) ready to import, %2 refused. Check, then press &apos;Import now&apos;.</translation>
    </message>
    <message>
        <source>Selesai: %1 paket diimpor (%2 wawancara baru), %3 ditolak.</source>
        <translation>Done: %1 package(s) imported (%2 new interviews), %3 refused.</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>penuh</source>
        <translation>full</translation>
    </message>
    <message>
        <source>Kedua frasa sandi berbeda. Ketik ulang; berkas belum ditulis.</source>
        <translation>The two passphrases differ. Type them again; the file was not written.</translation>
    </message>
    <message>
        <source>Simpan kunci kantor (terpisah dari flashdisk data)</source>
        <translation>Save the office key (apart from data sticks)</translation>
    </message>
    <message>
        <source>Berkas kunci (*.awkey);;Semua berkas (*)</source>
        <translation>Key file (*.awkey);;All files (*)</translation>
    </message>
    <message>
        <source>Kunci kantor tersimpan: %1. Bawa TERPISAH dari flashdisk data, dan sampaikan frasa sandinya terpisah dari berkas.</source>
        <translation>Office key saved: %1. Carry it APART from data sticks, and give its passphrase separately from the file.</translation>
    </message>
</context>
</TS>
