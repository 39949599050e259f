#!/usr/bin/env bash
# Qt's wheels need a few shared libraries a bare Debian lacks; find the missing ones with ldd
# and install the Debian packages that provide them.  Does nothing when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
qt=$(.venv/bin/python -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')
files=("$qt"/Qt/lib/libQt6Gui.so.* "$qt"/Qt/lib/libQt6Widgets.so.* "$qt"/Qt/plugins/platforms/libqoffscreen.so "$qt"/Qt/plugins/platforms/libqxcb.so)
missing=$(for f in "${files[@]}"; do [ -e "$f" ] && ldd "$f" 2>/dev/null | awk '/not found/ {print $1}'; done | sort -u)
[ -z "$missing" ] && exit 0

# library soname -> Debian package (bookworm / Ubuntu 22.04+ names)
declare -A pkg=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0 [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6
  [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0
  [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-render.so.0]=libxcb-render0
  [libxcb-shape.so.0]=libxcb-shape0 [libxcb-shm.so.0]=libxcb-shm0 [libxcb-sync.so.1]=libxcb-sync1
  [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xinerama.so.0]=libxcb-xinerama0 [libxcb-xkb.so.1]=libxcb-xkb1
  [libxcb-util.so.1]=libxcb-util1 [libSM.so.6]=libsm6 [libICE.so.6]=libice6 [libXrender.so.1]=libxrender1
)
want=()
for lib in $missing; do
  if [ -n "${pkg[$lib]:-}" ]; then want+=("${pkg[$lib]}"); else echo "qt-libs: no package known for $lib" >&2; fi
done
[ ${#want[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "qt-libs: Qt needs these libraries, install them with your package manager: $missing" >&2; exit 0
fi
sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
echo "qt-libs: installing ${want[*]}" >&2
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
