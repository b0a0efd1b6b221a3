#!/usr/bin/env bash
# The native build of both apps as far as it goes without GraalVM or Mandrel: every Quarkus build
# step, up to the generated native-image sources and arguments (src-native/README.md). Checks that
# they exist and that the event contracts' reflection configuration went into each runner jar.
# Run it after the JVM packages are built: it leaves them in place.
set -euo pipefail
cd "$(dirname "$0")/.."

# A copy left in target/classes by an earlier build would hide a broken resource mapping.
rm -rf command-app/target/classes/META-INF/native-image query-app/target/classes/META-INF/native-image
./mvnw -B -q package -Pnative -Dquarkus.native.sources-only=true -DskipTests -pl command-app,query-app -am

status=0
for app in command-app query-app; do
  sources="$app/target/native-sources"
  runner="$sources/$app-0.1.0-SNAPSHOT-runner.jar"
  config="META-INF/native-image/org.cqrsshop/$app/reflect-config.json"
  for needed in "$sources/native-image.args" "$runner"; do
    if [[ ! -s "$needed" ]]; then
      echo "native: $needed is missing" >&2
      status=1
    fi
  done
  unpacked=$(mktemp -d)
  if [[ -s "$runner" ]]; then
    (cd "$unpacked" && jar xf "$OLDPWD/$runner" "$config")
  fi
  if [[ -s "$runner" ]] && ! cmp -s "$unpacked/$config" src-native/native-image/reflect-config.json; then
    echo "native: $runner lacks src-native/native-image/reflect-config.json as $config" >&2
    status=1
  fi
  rm -rf "$unpacked"
  if [[ $status -eq 0 ]]; then
    echo "native: $app sources generated ($(wc -w < "$sources/native-image.args") native-image arguments, reflection config in the jar)"
  fi
done
exit $status
