#!/usr/bin/env bash
# Installs the Debian 12 packages verkosto needs to build, test and run.
# Idempotent: asks apt only for what is missing. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format clang-tidy
  libzmq3-dev cppzmq-dev libprotobuf-dev protobuf-compiler
  libsqlitecpp-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libkainjow-mustache-dev libcurl4-openssl-dev libsodium-dev
  libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev
  # Dates, numbers and plural rules of fi/sv/en on pages and in e-mail (libs/locale).
  libicu-dev
  # Formal letters as PDF (issue 19): cairo + pango render real text with
  # embedded DejaVu fonts; pdftotext (poppler-utils) reads them back in tests;
  # xmllint (libxml2-utils) checks the records export's XML in tests.
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils libxml2-utils
  # event_bench's RabbitMQ half (bench/CMakeLists.txt) is compiled and linted
  # with the rest; the broker itself (rabbitmq-server) stays optional.
  librabbitmq-dev
  curl python3-aiosmtpd iproute2
  chromium nodejs npm
)

# A package whose command is already on PATH from another build of the same
# tool (e.g. a nodejs that bundles npm, which conflicts with Debian's npm
# package) counts as present.
declare -A provides=([nodejs]=node [npm]=npm [chromium]=chromium)

missing=()
for p in "${packages[@]}"; do
  if [ -n "${provides[$p]:-}" ] && command -v "${provides[$p]}" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
