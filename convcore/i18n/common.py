"""Strings shared by every page: the app shell, home page, errors, presets and samples."""

STRINGS: dict[str, dict[str, str]] = {
    # App shell
    "app_short": {"ko": "ConvLab", "en": "ConvLab"},
    "language": {"ko": "언어 / Language", "en": "Language / 언어"},
    "nav_home": {"ko": "홈", "en": "Home"},
    "nav_explore": {"ko": "탐색: 커널과 출력", "en": "Explore: kernel and output"},
    "nav_train": {"ko": "학습: 커널 배우기", "en": "Train: learn a kernel"},
    "nav_lesson": {"ko": "강의: 6.2절 따라가기", "en": "Lesson: section 6.2 step by step"},
    "nav_challenge": {"ko": "도전: 커널 맞히기", "en": "Challenge: guess the kernel"},
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
    "home_challenge": {
        "ko": "**도전**: X와 Y만 보고 숨은 커널을 맞힙니다. 힌트는 한 단계씩 열리고, 선생님은 링크 하나로 반 전체에 같은 문제를 낼 수 있습니다.",
        "en": "**Challenge**: find the hidden kernel from X and Y alone, with hints one step at a time; a teacher "
              "gives the whole class the same challenge with one link.",
    },
    "home_formula_title": {"ko": "한 줄 요약", "en": "In one line"},
    "home_formula": {
        "ko": "출력의 (i, j) 칸은 입력의 창 X[i:i+h, j:j+w]와 커널 K를 원소별로 곱해 모두 더한 값입니다.",
        "en": "Output cell (i, j) is the sum of the element-wise product of the input window X[i:i+h, j:j+w] "
              "and the kernel K.",
    },
    "home_start": {"ko": "왼쪽 메뉴에서 페이지를 골라 시작하세요.", "en": "Pick a page in the menu on the left to start."},
    # Kernel presets: name and one-line description
    "kernel_custom": {"ko": "사용자 정의", "en": "Custom"},
    "kernel_edge_book": {"ko": "교재의 경계 커널 [1, -1]", "en": "Book's edge [1, -1]"},
    "kernel_edge_book_desc": {
        "ko": "오른쪽 이웃과의 차이: 세로 방향 경계(가로로 값이 바뀌는 곳)를 찾습니다.",
        "en": "Difference with the right neighbour: finds vertical edges (where values change left to right).",
    },
    "kernel_edge_book_t": {"ko": "교재의 경계 커널, 전치 [1; -1]", "en": "Book's edge, transposed [1; -1]"},
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
