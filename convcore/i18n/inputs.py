"""Strings of the shared image picker and kernel editor."""

STRINGS: dict[str, dict[str, str]] = {
    "image_source": {"ko": "입력 이미지 X", "en": "Input image X"},
    "image_source_sample": {"ko": "예제", "en": "Sample"},
    "image_source_upload": {"ko": "업로드", "en": "Upload"},
    "image_source_draw": {"ko": "그리기", "en": "Draw"},
    "image_sample": {"ko": "예제 이미지", "en": "Sample image"},
    "image_upload": {"ko": "이미지 파일 올리기", "en": "Upload an image file"},
    "image_upload_help": {
        "ko": "PNG, JPEG, GIF, BMP, WebP (최대 {mb} MB). 파일은 이 세션에서만 쓰이고 저장되지 않습니다.",
        "en": "PNG, JPEG, GIF, BMP or WebP (up to {mb} MB). The file is used in this session only and never stored.",
    },
    "image_upload_limit": {
        "ko": "파일은 {mb} MB까지 올릴 수 있습니다. 더 큰 파일은 브라우저가 보내지 않고 그 자리에 영어 메시지"
              "(\"File must be … or smaller\")를 보여 줍니다. 그림을 줄이거나 PNG/JPEG로 저장해 다시 올려 주세요.",
        "en": "Files up to {mb} MB. A larger file is not sent: the browser shows \"File must be … or smaller\" "
              "in its place. Make the picture smaller or save it as PNG/JPEG and upload again.",
    },
    "image_upload_prompt": {"ko": "이미지 파일을 올려 주세요.", "en": "Upload an image file to start."},
    "image_kept_previous": {
        "ko": "이전에 올린 이미지를 계속 사용합니다.",
        "en": "The previously uploaded image is still in use.",
    },
    "image_color": {"ko": "컬러 (RGB 3채널)", "en": "Colour (3 RGB channels)"},
    "image_color_help": {
        "ko": "끄면 흑백 1채널, 켜면 빨강·초록·파랑 3채널로 계산합니다.",
        "en": "Off: one grey channel. On: red, green and blue channels.",
    },
    "image_side": {"ko": "작업 해상도 (긴 변, 픽셀)", "en": "Working resolution (long side, pixels)"},
    "image_side_help": {
        "ko": "작게 하면 숫자 하나하나를 볼 수 있고, 크게 하면 사진처럼 보입니다.",
        "en": "Small shows every number; large looks like a photo.",
    },
    "image_shape": {"ko": "X의 모양: {c}채널 x {h}행 x {w}열", "en": "Shape of X: {c} channel(s) x {h} rows x {w} columns"},
    "draw_brush": {"ko": "붓 크기", "en": "Brush size"},
    "draw_erase": {"ko": "지우개", "en": "Eraser"},
    "draw_help": {
        "ko": "검은 바탕에 흰색으로 그립니다. 캔버스 위쪽 도구 모음에서 되돌리기와 모두 지우기를 할 수 있습니다.",
        "en": "Draw white on black. The toolbar at the top of the canvas has undo and clear.",
    },
    "kernel_preset": {"ko": "커널 K", "en": "Kernel K"},
    "kernel_rows": {"ko": "행 수", "en": "Rows"},
    "kernel_cols": {"ko": "열 수", "en": "Columns"},
    "kernel_cell_label": {"ko": "커널 {row}행 {col}열", "en": "Kernel row {row}, column {col}"},
    "kernel_transpose": {"ko": "전치", "en": "Transpose"},
    "kernel_transpose_help": {"ko": "행과 열을 바꿉니다.", "en": "Swap rows and columns."},
    "kernel_flip": {"ko": "180° 뒤집기", "en": "Flip 180°"},
    "kernel_flip_help": {"ko": "커널을 180도 돌립니다.", "en": "Rotate the kernel by 180 degrees."},
    "kernel_normalize": {"ko": "합 = 1", "en": "Sum = 1"},
    "kernel_normalize_help": {"ko": "값의 합이 1이 되도록 나눕니다.", "en": "Divide so the values sum to 1."},
    "kernel_random": {"ko": "무작위", "en": "Random"},
    "kernel_random_help": {"ko": "-2에서 2 사이의 정수로 채웁니다.", "en": "Fill with integers from -2 to 2."},
    "kernel_side_limit": {
        "ko": "이 서버에서 커널은 최대 {limit}x{limit}칸입니다.",
        "en": "Kernels on this server are at most {limit}x{limit} cells.",
    },
    "kernel_kept_last": {
        "ko": "칸을 고칠 때까지 마지막으로 올바른 커널로 계산합니다.",
        "en": "Until the cell is fixed, the last valid kernel is used.",
    },
}
