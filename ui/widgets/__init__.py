"""Widgets more than one page uses: the image picker, the kernel editor, a layer's kernels, charts with downloads."""
