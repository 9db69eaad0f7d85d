#!/usr/bin/env bash
# Installs this checkout as a station kiosk on Debian 12 (run as root from /opt/gig-kiosk):
# the kiosk user and its groups, what the configured card reader needs, the compositor and
# a sound server for the kiosk's session, the data folder, the config file (kept when it
# exists) and the systemd unit. Idempotent. `--dry-run` prints what it would do and changes
# nothing (it need not be root).
#
#   sudo deploy/install.sh [--dry-run] [--config /etc/gig-kiosk/kiosk.toml]
set -euo pipefail
cd "$(dirname "$0")/.."
DRY=0
CONFIG=/etc/gig-kiosk/kiosk.toml
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1 ;;
    --config) CONFIG="$2"; shift ;;
    *) echo "install: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
KIOSK_USER=kiosk
UNIT_DIR=${UNIT_DIR:-/etc/systemd/system}

run() {  # a step: printed, and done unless --dry-run
  echo "+ $*"
  [ "$DRY" -eq 1 ] || "$@"
}

if [ "$DRY" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (or with --dry-run to see the steps)" >&2
  exit 1
fi

# What the configured reader needs (the example config until the real one exists).
source_config=$CONFIG
[ -f "$source_config" ] || source_config=deploy/kiosk.example.toml
backend=$(python3 - "$source_config" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as fh:
    print(tomllib.load(fh).get("idcard", {}).get("backend", "pcsc"))
PY
)
case "$backend" in
  pcsc) reader_packages=(pcscd libccid) ;;  # the daemon and the USB CCID driver
  sam | none) reader_packages=() ;;
  *) echo "install: [idcard] backend must be pcsc, sam or none, got $backend" >&2; exit 1 ;;
esac
echo "install: card reader backend $backend"

# Groups: dialout for a serial (SAM) reader, input for the touch panel, video and render
# for the GPU under cage, audio for the sound card.
groups=(dialout input video render audio)
packages=(cage pipewire-pulse wireplumber "${reader_packages[@]}")
run bash deploy/system-packages.sh "${packages[@]}"
if ! id -u "$KIOSK_USER" >/dev/null 2>&1; then
  run useradd --system --create-home --shell /usr/sbin/nologin "$KIOSK_USER"
fi
for g in "${groups[@]}"; do
  if getent group "$g" >/dev/null; then
    run usermod -a -G "$g" "$KIOSK_USER"
  fi
done
# The kiosk's session (PAMName=login) starts the user's service manager; these give it a
# sound server that libpulse finds at $XDG_RUNTIME_DIR/pulse/native.
run systemctl --global enable pipewire-pulse.socket wireplumber.service
if [ "$backend" = pcsc ]; then
  run systemctl enable --now pcscd.socket
fi
run install -D -m 0644 deploy/gig-kiosk.tmpfiles /etc/tmpfiles.d/gig-kiosk.conf
run systemd-tmpfiles --create /etc/tmpfiles.d/gig-kiosk.conf
if [ ! -f "$CONFIG" ]; then
  run install -D -m 0644 deploy/kiosk.example.toml "$CONFIG"
fi
# The technician's settings screen rewrites the config (a new file renamed over it, the old
# one kept as kiosk.toml.previous): its folder and the file are writable by the kiosk group.
config_dir=$(dirname "$CONFIG")
run chgrp "$KIOSK_USER" "$config_dir" "$CONFIG"
run chmod 0775 "$config_dir"
run chmod 0664 "$CONFIG"
run install -D -m 0644 deploy/gig-kiosk.service "$UNIT_DIR/gig-kiosk.service"
run systemctl daemon-reload
cat <<NEXT
install: done. Next, as root:
  sudoedit $CONFIG        # station_code, name, panel size, reader
  sudo -u $KIOSK_USER env KIOSK_CONFIG=$CONFIG KIOSK_STORAGE_DATA_DIR=/var/lib/gig-kiosk .venv/bin/kiosk-admin set-pin --role staff
  sudo -u $KIOSK_USER env KIOSK_CONFIG=$CONFIG KIOSK_STORAGE_DATA_DIR=/var/lib/gig-kiosk .venv/bin/kiosk-admin set-pin --role technician
  systemctl enable --now gig-kiosk
NEXT
