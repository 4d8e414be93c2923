; Asisten Wawancara: Windows installer (Inno Setup 6), per-machine, Indonesian first.
;
; build/build.py compiles it after the frozen self-test has passed:
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 /DSourceDir=<bundle> /DOutputDir=<dir>
;        [/DAppIcon=<app.ico>] installer.iss
;
; The program goes to Program Files; the data (database, office key, backups, logs) lives in
; each user's %LOCALAPPDATA%\AsistenWawancara, which the app creates on first start. The
; uninstaller removes only what it installed under {app}: the data folder is never touched.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "dist\AsistenWawancara"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "dist"
#endif

#define AppName "Asisten Wawancara"
#define AppExe "AsistenWawancara.exe"
#define CliExe "interview-app-cli.exe"

; Inno Setup ships Indonesian as an unofficial translation, so it may not be in the compiler's
; Languages folder: the CI workflow downloads it beside this script (see build/README.md).
#if FileExists(AddBackslash(CompilerPath) + "Languages\Indonesian.isl")
  #define IndonesianMessages "compiler:Languages\Indonesian.isl"
#elif FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
  #define IndonesianMessages AddBackslash(SourcePath) + "Indonesian.isl"
#else
  #error Indonesian.isl not found: put Inno Setup's unofficial Indonesian translation in the compiler's Languages folder or in build\ (see build\README.md)
#endif

[Setup]
; The AppId identifies the product for upgrades and the uninstaller: never change it.
AppId={{5B7E2C1D-4A8F-4E36-9C51-A3D20F6B8E47}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Direktorat Jenderal Imigrasi
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; Per machine: Program Files, for every user of the PC, installed by an administrator.
PrivilegesRequired=admin
DefaultDirName={autopf}\AsistenWawancara
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=AsistenWawancara-{#AppVersion}-setup
#ifdef AppIcon
SetupIconFile={#AppIcon}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
; A running copy of the app is closed (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "id"; MessagesFile: "{#IndonesianMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
id.DesktopIcon=Buat ikon di &desktop
en.DesktopIcon=Create a &desktop icon
id.LaunchApp=Jalankan Asisten Wawancara
en.LaunchApp=Start Asisten Wawancara

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: modules left over from an older version could be
; imported by mistake. Only the program folder; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; runasoriginaluser: the first start must be the officer's, not the elevated installer's,
; or the data folder would be made in the administrator's profile.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Nothing of the user's data: %LOCALAPPDATA%\AsistenWawancara stays for a reinstall or an
; audit. Only files the app may have left in its own program folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
