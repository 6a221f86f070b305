"""Unit tests of convcore and the ui modules that need no running page, and the browser modules under Node."""
