"""The challenges of convcore.challenges in Korean and English: each one's title and what its picture asks."""

STRINGS: dict[str, dict[str, str]] = {
    "challenge_stripes_title": {"ko": "교재의 줄무늬 경계", "en": "The book's stripe edges"},
    "challenge_stripes_story": {
        "ko": "교재의 6x8 줄무늬입니다. Y에는 값이 바뀌는 곳만 남았습니다. 1에서 0으로 바뀌는 곳과 0에서 1로 바뀌는 곳의 부호를 비교해 보세요.",
        "en": "The book's 6x8 stripes. Only the places where the value changes are left in Y. Compare the sign where "
              "1 turns into 0 with the sign where 0 turns into 1.",
    },
    "challenge_bright_title": {"ko": "더 밝게", "en": "Brighter"},
    "challenge_bright_story": {
        "ko": "Y는 X와 크기가 같고, 칸마다 값만 달라졌습니다. 같은 자리의 X와 Y를 나란히 놓고 비교해 보세요.",
        "en": "Y has X's size; only each cell's value changed. Compare X and Y cell by cell.",
    },
    "challenge_lying_title": {"ko": "누운 줄무늬의 경계", "en": "Edges of lying stripes"},
    "challenge_lying_story": {
        "ko": "줄무늬를 눕혀(X.t()) 놓았습니다. 이번에는 값이 위에서 아래로 바뀝니다.",
        "en": "The stripes lie on their side (X.t()): now the values change from top to bottom.",
    },
    "challenge_neighbours_title": {"ko": "이웃끼리 더하기", "en": "Neighbours added up"},
    "challenge_neighbours_story": {
        "ko": "Y의 한 칸은 X의 같은 행에 있는 몇 칸을 더한 값입니다. 몇 칸일까요?",
        "en": "Each cell of Y adds up a few cells of the same row of X. How many?",
    },
    "challenge_tiles_title": {"ko": "부드럽게 흐리기", "en": "A soft blur"},
    "challenge_tiles_story": {
        "ko": "또렷하던 타일의 경계가 Y에서는 흐려졌습니다. Y의 값은 X의 몇 칸을 평균한 것일까요?",
        "en": "The tiles' sharp edges are soft in Y. Each value of Y is the mean of how many cells of X?",
    },
    "challenge_move_title": {"ko": "한 칸 옮기기", "en": "One step over"},
    "challenge_move_story": {
        "ko": "패딩이 1이라 Y는 X와 크기가 같습니다. 그런데 집이 자리를 옮겼습니다. 어느 쪽으로 몇 칸 옮겼는지 보세요.",
        "en": "With padding 1, Y has X's size, yet the house has moved. Which way, and how far?",
    },
    "challenge_slant_title": {"ko": "대각선 방향의 차이", "en": "A diagonal difference"},
    "challenge_slant_story": {
        "ko": "Y의 각 칸은 X에서 비스듬히 놓인 두 칸의 차이입니다.",
        "en": "Each cell of Y is the difference of two cells of X that sit diagonally.",
    },
    "challenge_halve_title": {"ko": "합성곱으로 줄이기", "en": "Shrinking with a convolution"},
    "challenge_halve_story": {
        "ko": "스트라이드가 2라서 Y는 X의 절반 크기입니다. 풀링 층처럼 보이지만 합성곱 층입니다.",
        "en": "With stride 2, Y is half the size of X. It looks like a pooling layer, but it is a convolution.",
    },
    "challenge_face_title": {"ko": "얼굴의 세로 경계", "en": "The vertical edges of a face"},
    "challenge_face_story": {
        "ko": "널리 쓰이는 경계 검출 커널 하나가 숨어 있습니다. 가운데 행에 가중치가 더 있습니다.",
        "en": "A well-known edge detector is hidden here. Its middle row weighs more.",
    },
    "challenge_gap_title": {"ko": "떨어진 두 칸", "en": "Two cells apart"},
    "challenge_gap_story": {
        "ko": "가로 방향의 팽창(dilation)이 2입니다. 커널의 칸과 칸 사이에서 X의 한 칸을 건너뜁니다. 커널 자체는 아주 작습니다.",
        "en": "Across the columns the dilation is 2: the kernel's taps skip one cell of X between them. The kernel "
              "itself is tiny.",
    },
    "challenge_turn_title": {"ko": "뒤집히는 커널", "en": "The kernel that turns around"},
    "challenge_turn_story": {
        "ko": "이 층은 교차상관이 아니라 수학의 합성곱을 계산합니다. 입력한 커널이 180° 돌아간 뒤에 곱해진다는 점에 주의하세요.",
        "en": "This layer computes a mathematical convolution, not a cross-correlation: the kernel you type is turned "
              "by 180° before it multiplies X.",
    },
    "challenge_house_title": {"ko": "가운데와 네 이웃", "en": "The centre and its four neighbours"},
    "challenge_house_story": {
        "ko": "Y의 한 칸은 X의 한 칸과 그 위·아래·왼쪽·오른쪽 이웃으로 만들어집니다. 값이 고른 곳에서는 0이 됩니다.",
        "en": "Each cell of Y is made from a cell of X and its neighbours above, below, left and right; it is 0 where "
              "X is flat.",
    },
}
