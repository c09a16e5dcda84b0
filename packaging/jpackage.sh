#!/usr/bin/env bash
# Builds Highway Console for people who never run Maven: a self-contained app (a jlink-trimmed Java
# runtime + the shaded jar, which carries JavaFX's classes and natives) and this system's installer.
#
# Usage: packaging/jpackage.sh [--skip-build] [TYPE...]
#   TYPE: app-image, deb, rpm (Linux), msi, exe (Windows, needs WiX 3 on the PATH), dmg, pkg (macOS).
#   Default: app-image plus the system's usual installer (Linux: deb, Windows: msi, macOS: dmg).
#   --skip-build  package the existing target/highway.jar instead of running `mvn package` first.
# Output: target/installer/ (the app-image is target/installer/highway-console, or
#         highway-console.app on macOS). Installers are made from that app-image, so the runtime
#         is linked once.
# Name, version, vendor and description come from pom.xml (via app/highway/build.properties in the
# jar); icons from assets/icons (PNG on Linux, ICO on Windows, ICNS on macOS).
# The installed launcher opens the console; `highway-console --headless` runs the bridge alone.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_build=false
types=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    app-image|deb|rpm|msi|exe|dmg|pkg) types+=("$arg") ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "jpackage.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

case "$(uname -s)" in
  Linux) os=linux; default_installer=deb ;;
  Darwin) os=mac; default_installer=dmg ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; default_installer=msi ;;
  *) echo "jpackage.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac
[ ${#types[@]} -gt 0 ] || types=(app-image "$default_installer")

# Installs Debian packages when we can (root with apt-get); otherwise says what is missing.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "jpackage.sh: installing $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
  else
    echo "jpackage.sh: missing $*; install it (e.g. sudo apt-get install $*)" >&2
    exit 1
  fi
}
command -v jpackage >/dev/null 2>&1 || { [ "$os" = linux ] && apt_install openjdk-17-jdk-headless; } \
  || { echo "jpackage.sh: jpackage (JDK 17+) not found" >&2; exit 1; }
for t in "${types[@]}"; do
  case "$t" in
    deb) for tool in fakeroot dpkg-deb; do command -v "$tool" >/dev/null 2>&1 || apt_install "$tool"; done ;;
    rpm) command -v rpmbuild >/dev/null 2>&1 || apt_install rpm ;;
  esac
done

if ! $skip_build || [ ! -f target/highway.jar ]; then
  $skip_build && echo "jpackage.sh: no target/highway.jar yet; building it" >&2
  mvn -B -q -DskipTests package
fi

# Name, version, vendor: set once in pom.xml, read from the jar being packaged.
meta="$(mktemp -d)"
trap 'rm -rf "$meta"' EXIT
jar_path="$PWD/target/highway.jar"
(cd "$meta" && jar xf "$jar_path" app/highway/build.properties)
prop() { sed -n "s/^$1=//p" "$meta/app/highway/build.properties" | head -1; }
app_title="$(prop name)"
vendor="$(prop vendor)"
description="$(prop description)"
name="$(prop id)"                                          # highway-console: launcher, package, /opt dir
version="$(prop version | sed 's/[^0-9.].*$//')"         # 0.1.0-SNAPSHOT -> 0.1.0 (installers need digits)
[ -n "$version" ] && [ -n "$name" ] || { echo "jpackage.sh: no version/name in the jar's build.properties" >&2; exit 1; }

case "$os" in
  linux) icon=assets/icons/highway-256.png; image="target/installer/$name" ;;
  windows) icon=assets/icons/highway.ico; image="target/installer/$name" ;;
  mac) icon=assets/icons/highway.icns; image="target/installer/$name.app" ;;
esac
common=(--name "$name" --app-version "$version" --vendor "$vendor" --description "$description"
        --copyright "Copyright (c) $vendor" --dest target/installer)
[ "$os" = mac ] && common+=(--mac-package-identifier app.highway.console --mac-package-name "$app_title")

mkdir -p target/installer
if [[ " ${types[*]} " == *" app-image "* ]] || [ ! -d "$image" ]; then
  rm -rf target/jpackage-input "$image"
  mkdir -p target/jpackage-input
  cp target/highway.jar target/jpackage-input/   # only the app jar, not all of target/
  # Only JDK modules: JavaFX is inside the shaded jar. jdeps finds the static ones; crypto.ec (TLS to
  # Twilio/OpenAI), java.net.http and localedata are reached by reflection or services. The console is in
  # English (country names in English), so only a few locales' formats are kept: 20 MB less runtime.
  modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps target/highway.jar),jdk.crypto.ec,java.net.http,jdk.localedata"
  echo "jpackage.sh: app-image $name $version with modules $modules" >&2
  jpackage --type app-image "${common[@]}" \
    --input target/jpackage-input --main-jar highway.jar --main-class app.highway.Launcher \
    --add-modules "$modules" \
    --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --include-locales=en,de,es,fr,it,nl,pt" \
    --icon "$icon"
fi

for t in "${types[@]}"; do
  [ "$t" = app-image ] && continue
  args=(--type "$t" --app-image "$image" "${common[@]}" --license-file packaging/LICENSE.txt)
  case "$t" in
    deb|rpm)
      # JavaFX's natives sit inside the jar, so jpackage only sees the JDK's libraries: name the GTK/X11/GL
      # ones glass and prism load. --linux-shortcut adds xdg-utils for the menu entry; packaging/linux holds
      # our .desktop file and a postinst that works on machines without a desktop.
      deps="libgtk-3-0, libxtst6, libgl1, libxxf86vm1"
      [ "$t" = rpm ] && deps="gtk3, libXtst, libglvnd-glx, libXxf86vm"
      args+=(--resource-dir packaging/linux --linux-package-name "$name" --linux-package-deps "$deps"
             --linux-shortcut --linux-menu-group "Network;Telephony;" --linux-app-category comm
             --linux-deb-maintainer "support@highway.invalid" --icon "$icon") ;;
    msi|exe)
      args+=(--win-menu --win-menu-group "$vendor" --win-shortcut --win-dir-chooser
             --win-upgrade-uuid 6f1f3c5e-2a8b-4f0e-9a51-7d1c0b6e4a21 --icon "$icon") ;;
    dmg|pkg)
      args+=(--icon "$icon") ;;
  esac
  echo "jpackage.sh: $t from $image" >&2
  jpackage "${args[@]}"
done

echo "jpackage.sh: built in target/installer:"
if [ -d "$image" ]; then
  du -sh "$image" | sed 's/^/  app-image /'
  runtime="$image/lib/runtime"; [ "$os" = mac ] && runtime="$image/Contents/runtime"
  [ -d "$runtime" ] && du -sh "$runtime" | sed 's/^/  runtime   /'
fi
find target/installer -maxdepth 1 -type f -exec du -h {} + | sed 's/^/  installer /'
