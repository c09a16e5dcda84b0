#!/usr/bin/env bash
# Builds an installable Highway Console with jpackage (JDK 17): a trimmed runtime plus the app.
# Usage: packaging/jpackage.sh [app-image|deb|rpm]   (default: app-image; deb needs dpkg-deb, fakeroot)
# Output: target/installer/
# The installed launcher opens the console; `highway-console --headless` runs the bridge on a server.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
version="$(sed -n 's:^  <version>\([0-9.]*\).*</version>:\1:p' pom.xml | head -1)"
[ -n "$version" ] || version=0.1.0
mvn -B -q -DskipTests package
rm -rf target/jpackage-input target/installer
mkdir -p target/jpackage-input target/installer
cp target/highway.jar target/jpackage-input/   # only the app jar, not all of target/

modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps target/highway.jar),jdk.crypto.ec,java.net.http,jdk.localedata"
args=(--name highway-console --app-version "$version" --vendor "Highway"
      --description "Operator console and bridge for AI verification calls"
      --input target/jpackage-input --main-jar highway.jar --main-class app.highway.Launcher
      --add-modules "$modules"
      --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands"
      --icon assets/icons/highway-256.png
      --dest target/installer)
if [ "$type" = deb ]; then
  # JavaFX's natives are inside the jar; jpackage only sees the JDK's own dependencies
  args+=(--linux-package-deps libgtk-3-0 --linux-app-category Office)
fi
jpackage --type "$type" "${args[@]}"
ls -la target/installer
du -sh target/installer/* 2>/dev/null || true
