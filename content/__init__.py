"""The bundled library (data only). This file makes the folder the package ``briefing.content``
in an installed wheel, so ``briefing.paths`` finds it with ``importlib.resources``."""
