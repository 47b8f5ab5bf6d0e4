#!/usr/bin/env bash
# Installs the Debian packages the browser lab needs (see docs/lab.md), only those that are missing.
# Idempotent: a second run with everything present makes no network request and changes nothing.
# Never downloads a browser from anywhere but Debian's own archive.
set -euo pipefail

# squid: the explicit-proxy lab profile; webkit2gtk-driver + xvfb: WebKit (MiniBrowser) as the third engine.
PACKAGES=(chromium coturn nftables dnsmasq-base iproute2 openssl firefox-esr netcat-openbsd curl squid webkit2gtk-driver xvfb)

missing=()
for pkg in "${PACKAGES[@]}"; do
	# dpkg-query prints "install ok installed" only for a fully installed package.
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$pkg")
	fi
done

if ((${#missing[@]} == 0)); then
	echo "install-system-deps: all present (${PACKAGES[*]})"
	exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
	echo "install-system-deps: missing ${missing[*]}; run this script as root (apt-get needs it)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# An apt index is needed once on a fresh machine (the lists directory is empty after debootstrap/docker).
if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
	apt-get update -q
fi
echo "install-system-deps: installing ${missing[*]}"
if ! apt-get install -y -q "${missing[@]}"; then
	# The index may be stale (a package version gone from the mirror): refresh once and retry.
	apt-get update -q
	apt-get install -y -q "${missing[@]}"
fi

# coturn's Debian package enables a system service on some setups; the lab starts its own instances.
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled coturn >/dev/null 2>&1; then
	systemctl disable --now coturn >/dev/null 2>&1 || true
fi
