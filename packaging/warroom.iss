; Inno Setup script for Windows, over the one-folder bundle.
; On a Windows machine with Python 3.11+ and Inno Setup 6:
;   python -m venv .venv && .venv\Scripts\pip install -e ".[build]"
;   .venv\Scripts\python packaging\make_icons.py build\icons
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\warroom.spec
;   iscc packaging\warroom.iss        -> dist\installer\warroom-setup-<version>.exe
; The installer copies dist\warroom\ as it is (no unpacking at each launch), per user by
; default (no administrator rights needed), with a Start menu entry and an uninstaller.
; It is not code-signed: SmartScreen warns until it is signed with a certificate.

#define AppName "Warroom"
#define AppVersion "0.1.0"
#define Bundle "..\dist\warroom"

[Setup]
AppId={{4C0B3C43-5E0A-4A39-9E55-57A52C0F3E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Warroom
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist\installer
OutputBaseFilename=warroom-setup-{#AppVersion}
SetupIconFile=..\build\icons\warroom.ico
UninstallDisplayIcon={app}\warroom.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\warroom.exe"
Name: "{group}\{#AppName} self-test"; Filename: "{app}\warroom.exe"; Parameters: "--self-test"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\warroom.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\warroom.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
