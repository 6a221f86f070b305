"""Strings shared by every page: the app shell, home page, errors, presets and samples."""

STRINGS: dict[str, dict[str, str]] = {
    # App shell
    "app_short": {"ko": "ConvLab", "en": "ConvLab"},
    "language": {"ko": "언어 / Language", "en": "Language / 언어"},
    "nav_home": {"ko": "홈", "en": "Home"},
    "nav_explore": {"ko": "탐색: 커널과 출력", "en": "Explore: kernel and output"},
    "nav_train": {"ko": "학습: 커널 배우기", "en": "Train: learn a kernel"},
    "nav_lesson": {"ko": "강의: 6.2절 따라가기", "en": "Lesson: section 6.2 step by step"},
    "sidebar_about": {
        "ko": "《Dive into Deep Learning》 6.2절 「이미지를 위한 합성곱」을 직접 실험해 보는 공간입니다.",
        "en": "A hands-on lab for section 6.2 of Dive into Deep Learning, \"Convolutions for Images\".",
    },
    "unexpected_error": {
        "ko": "예상하지 못한 문제가 생겼습니다. 입력은 그대로 남아 있으니 설정을 바꿔 다시 시도해 보세요.",
        "en": "Something unexpected went wrong. Your inputs are kept; change a setting and try again.",
    },
    # Home page
    "home_title": {"ko": "ConvLab에 오신 것을 환영합니다", "en": "Welcome to ConvLab"},
    "home_intro": {
        "ko": "합성곱 신경망(CNN)의 핵심 연산인 **2D 합성곱**(정확히는 **교차상관**)을 숫자 하나하나까지 "
              "눈으로 확인하는 실험실입니다. 이미지를 고르거나 그리고, 커널을 바꾸고, 출력이 어떻게 "
              "만들어지는지 살펴보세요.",
        "en": "A lab for seeing the core operation of convolutional neural networks, **2D convolution "
              "(strictly, cross-correlation)**, down to every number. Pick or draw an image, change the "
              "kernel, and watch how each output value is made.",
    },
    "home_pages": {"ko": "페이지", "en": "Pages"},
    "home_explore": {
        "ko": "**탐색**: 이미지와 커널을 고르고 패딩·스트라이드·팽창을 바꾸며, 출력의 각 칸이 어떤 곱의 합인지 확인합니다.",
        "en": "**Explore**: choose an image and a kernel, change padding, stride and dilation, and see which "
              "products add up to each output cell.",
    },
    "home_train": {
        "ko": "**학습**: 입력 X와 출력 Y만 보고 합성곱 층이 커널을 스스로 찾아가는 과정을 실시간 그래프로 봅니다.",
        "en": "**Train**: watch a convolution layer find the kernel from X and Y alone, on a live chart.",
    },
    "home_lesson": {
        "ko": "**강의**: 교재 6.2절 노트북을 셀 순서대로, 값을 바꿔 가며 실행합니다.",
        "en": "**Lesson**: the section 6.2 notebook, cell by cell, live and editable.",
    },
    "home_formula_title": {"ko": "한 줄 요약", "en": "In one line"},
    "home_formula": {
        "ko": "출력의 (i, j) 칸은 입력의 창 X[i:i+h, j:j+w]와 커널 K를 원소별로 곱해 모두 더한 값입니다.",
        "en": "Output cell (i, j) is the sum of the element-wise product of the input window X[i:i+h, j:j+w] "
              "and the kernel K.",
    },
    "home_start": {"ko": "왼쪽 메뉴에서 페이지를 골라 시작하세요.", "en": "Pick a page in the menu on the left to start."},
    # Errors from convcore
    "err_param_pair": {
        "ko": "{name} 값 {value}은(는) 정수 하나 또는 (행, 열) 정수 쌍이어야 합니다.",
        "en": "{name} {value} must be one integer or a (rows, columns) pair of integers.",
    },
    "err_stride": {"ko": "스트라이드는 1 이상이어야 합니다 (입력: {value}).", "en": "Stride must be at least 1 (got {value})."},
    "err_dilation": {"ko": "팽창(dilation)은 1 이상이어야 합니다 (입력: {value}).", "en": "Dilation must be at least 1 (got {value})."},
    "err_padding": {"ko": "패딩은 0 이상이어야 합니다 (입력: {value}).", "en": "Padding must be 0 or more (got {value})."},
    "err_empty": {"ko": "비어 있는 배열은 사용할 수 없습니다.", "en": "An empty array cannot be used."},
    "err_not_numeric": {"ko": "{name}에 숫자가 아닌 값이 있습니다.", "en": "{name} contains something that is not a number."},
    "err_not_finite": {
        "ko": "{name}에 NaN 또는 무한대 값이 있습니다. 유한한 숫자만 쓸 수 있습니다.",
        "en": "{name} contains NaN or infinity. Only finite numbers can be used.",
    },
    "err_rank_x": {
        "ko": "입력 X는 (H, W) 또는 (C, H, W) 모양이어야 합니다 (받은 모양: {shape}).",
        "en": "Input X must have shape (H, W) or (C, H, W) (got {shape}).",
    },
    "err_rank_k": {
        "ko": "커널 K는 (h, w), (C, h, w) 또는 (O, C, h, w) 모양이어야 합니다 (받은 모양: {shape}).",
        "en": "Kernel K must have shape (h, w), (C, h, w) or (O, C, h, w) (got {shape}).",
    },
    "err_channels": {
        "ko": "커널의 채널 수({kc})가 입력의 채널 수({xc})와 다릅니다.",
        "en": "The kernel has {kc} channels but the input has {xc}.",
    },
    "err_kernel_too_large": {
        "ko": "커널이 (패딩을 더한) 입력보다 커서 출력이 없습니다: {explain}. 커널을 줄이거나 패딩을 늘려 보세요.",
        "en": "The kernel is larger than the (padded) input, so there is no output: {explain}. "
              "Use a smaller kernel or more padding.",
    },
    "err_method": {"ko": "계산 방법 {value}은(는) 지원하지 않습니다.", "en": "Unknown method {value}."},
    "err_kernel_empty_cell": {
        "ko": "커널 {row}행 {col}열 칸이 비어 있습니다. 숫자를 입력하세요.",
        "en": "Kernel cell at row {row}, column {col} is empty. Enter a number.",
    },
    "err_kernel_text": {
        "ko": "커널 {row}행 {col}열의 값 \"{value}\"은(는) 숫자가 아닙니다.",
        "en": "Kernel cell at row {row}, column {col} holds \"{value}\", which is not a number.",
    },
    "err_kernel_not_finite": {
        "ko": "커널 {row}행 {col}열이 NaN 또는 무한대입니다. 유한한 숫자를 입력하세요.",
        "en": "Kernel cell at row {row}, column {col} is NaN or infinite. Enter a finite number.",
    },
    "err_kernel_too_big_value": {
        "ko": "커널 {row}행 {col}열의 값이 너무 큽니다 (절댓값 {limit} 이하).",
        "en": "Kernel cell at row {row}, column {col} is too large (keep it within ±{limit}).",
    },
    "err_kernel_shape": {"ko": "커널은 모든 행의 길이가 같은 직사각형이어야 합니다.", "en": "The kernel must be a rectangle of equal-length rows."},
    "err_kernel_too_large_side": {
        "ko": "커널의 한 변은 최대 {limit}칸입니다.",
        "en": "A kernel side can be at most {limit} cells.",
    },
    "err_kernel_sum_zero": {
        "ko": "커널 값의 합이 0이라 합이 1이 되도록 정규화할 수 없습니다.",
        "en": "The kernel sums to 0, so it cannot be normalised to sum 1.",
    },
    "err_image_empty": {"ko": "빈 파일입니다 (0바이트).", "en": "The file is empty (0 bytes)."},
    "err_image_too_many_bytes": {
        "ko": "파일이 너무 큽니다 (최대 {limit_mb} MB).",
        "en": "The file is too large (at most {limit_mb} MB).",
    },
    "err_image_too_large": {
        "ko": "이미지가 너무 큽니다 ({width}x{height}, 최대 {limit_mp}백만 화소). 더 작은 이미지를 올려 주세요.",
        "en": "The image is too large ({width}x{height}, at most {limit_mp} million pixels). Upload a smaller one.",
    },
    "err_image_too_large_unknown": {
        "ko": "이미지가 너무 커서 안전하게 열 수 없습니다 (최대 {limit_mp}백만 화소). 더 작은 이미지를 올려 주세요.",
        "en": "The image is too large to open safely (at most {limit_mp} million pixels). Upload a smaller one.",
    },
    "err_image_not_image": {
        "ko": "이미지 파일이 아닙니다. PNG, JPEG, GIF, BMP, WebP 파일을 올려 주세요.",
        "en": "This is not an image file. Upload a PNG, JPEG, GIF, BMP or WebP file.",
    },
    "err_image_corrupt": {
        "ko": "이미지 파일이 손상되었거나 잘려 있어 읽을 수 없습니다.",
        "en": "The image file is damaged or cut short and cannot be read.",
    },
    # Kernel presets: name and one-line description
    "kernel_custom": {"ko": "사용자 정의", "en": "Custom"},
    "kernel_edge_book": {"ko": "교재의 가장자리 [1, -1]", "en": "Book's edge [1, -1]"},
    "kernel_edge_book_desc": {
        "ko": "오른쪽 이웃과의 차이: 세로 방향 경계(가로로 값이 바뀌는 곳)를 찾습니다.",
        "en": "Difference with the right neighbour: finds vertical edges (where values change left to right).",
    },
    "kernel_edge_book_t": {"ko": "교재 커널의 전치 [1; -1]", "en": "Book's edge, transposed [1; -1]"},
    "kernel_edge_book_t_desc": {
        "ko": "아래 이웃과의 차이: 가로 방향 경계를 찾습니다.",
        "en": "Difference with the neighbour below: finds horizontal edges.",
    },
    "kernel_sobel_x": {"ko": "소벨 x", "en": "Sobel x"},
    "kernel_sobel_x_desc": {"ko": "가로 방향 기울기, 가운데 행에 가중치를 둔 세로 경계 검출.", "en": "Horizontal gradient: vertical edges, centre row weighted."},
    "kernel_sobel_y": {"ko": "소벨 y", "en": "Sobel y"},
    "kernel_sobel_y_desc": {"ko": "세로 방향 기울기, 가로 경계 검출.", "en": "Vertical gradient: horizontal edges."},
    "kernel_prewitt_x": {"ko": "프리윗 x", "en": "Prewitt x"},
    "kernel_prewitt_x_desc": {"ko": "소벨과 같지만 세 행의 가중치가 같습니다.", "en": "Like Sobel x with equal row weights."},
    "kernel_prewitt_y": {"ko": "프리윗 y", "en": "Prewitt y"},
    "kernel_prewitt_y_desc": {"ko": "소벨 y와 같지만 세 열의 가중치가 같습니다.", "en": "Like Sobel y with equal column weights."},
    "kernel_laplacian": {"ko": "라플라시안", "en": "Laplacian"},
    "kernel_laplacian_desc": {"ko": "모든 방향의 경계와 점을 강조하는 2차 미분.", "en": "Second derivative: edges and spots in every direction."},
    "kernel_box_blur": {"ko": "박스 블러", "en": "Box blur"},
    "kernel_box_blur_desc": {"ko": "3x3 이웃의 평균: 이미지를 부드럽게 만듭니다.", "en": "Mean of the 3x3 neighbourhood: smooths the image."},
    "kernel_gaussian_blur": {"ko": "가우시안 블러", "en": "Gaussian blur"},
    "kernel_gaussian_blur_desc": {"ko": "가운데에 더 큰 가중치를 둔 부드러운 평균.", "en": "A smooth average that weights the centre more."},
    "kernel_sharpen": {"ko": "선명하게", "en": "Sharpen"},
    "kernel_sharpen_desc": {"ko": "가운데를 키우고 이웃을 빼서 경계를 또렷하게 합니다.", "en": "Boosts the centre and subtracts neighbours: crisper edges."},
    "kernel_emboss": {"ko": "엠보스", "en": "Emboss"},
    "kernel_emboss_desc": {"ko": "대각선 방향 차이로 돋을새김 효과를 냅니다.", "en": "A diagonal difference that looks like relief."},
    "kernel_identity": {"ko": "항등", "en": "Identity"},
    "kernel_identity_desc": {"ko": "가운데 1: 입력을 그대로 돌려줍니다.", "en": "A single 1 in the centre: returns the input unchanged."},
    "kernel_diagonal_edge": {"ko": "대각선 경계", "en": "Diagonal edge"},
    "kernel_diagonal_edge_desc": {"ko": "왼쪽 위에서 오른쪽 아래로 가는 선에 반응합니다.", "en": "Responds to lines from top-left to bottom-right."},
    "kernel_example_2x2": {"ko": "교재 예제 [[0, 1], [2, 3]]", "en": "Book's example [[0, 1], [2, 3]]"},
    "kernel_example_2x2_desc": {"ko": "3x3 예제에 쓰인 2x2 커널.", "en": "The 2x2 kernel of the 3x3 example."},
    # Sample images
    "sample_stripes": {"ko": "교재의 6x8 줄무늬", "en": "Book's 6x8 stripes"},
    "sample_example_3x3": {"ko": "교재의 3x3 예제", "en": "Book's 3x3 example"},
    "sample_checkerboard": {"ko": "체커보드 16x16", "en": "Checkerboard 16x16"},
    "sample_diagonal": {"ko": "대각선 16x16", "en": "Diagonal lines 16x16"},
    "sample_letter": {"ko": "글자 모양 16x16", "en": "Letter shape 16x16"},
    "sample_photo": {"ko": "풍경 사진 (흑백)", "en": "Landscape photo (grey)"},
    "sample_photo_rgb": {"ko": "풍경 사진 (컬러)", "en": "Landscape photo (colour)"},
}
