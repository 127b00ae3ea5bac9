"""pytest setup for every test path, the package's doctests included."""

import matplotlib

matplotlib.use("Agg")  # examples and tests draw off screen; never open a window
