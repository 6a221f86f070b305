"""The Explore page's own text, written for students (Korean and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "explore_title": {"ko": "탐색: 커널이 이미지 위를 지나가며 계산하는 것", "en": "Explore: what a kernel computes as it slides over an image"},
    "explore_intro": {
        "ko": "이미지 X와 커널 K를 고르면 출력 Y가 바로 계산됩니다. Y의 칸을 누르면 그 값이 어떤 곱셈과 덧셈으로 나왔는지 볼 수 있습니다.",
        "en": "Pick an image X and a kernel K and the output Y is computed at once. Click a cell of Y to see which "
              "multiplications and additions produced it.",
    },
    "explore_settings": {"ko": "패딩 · 스트라이드 · 팽창", "en": "Padding, stride and dilation"},
    "explore_separate": {"ko": "행과 열을 따로 정하기", "en": "Set rows and columns separately"},
    "explore_padding": {"ko": "패딩", "en": "Padding"},
    "explore_stride": {"ko": "스트라이드", "en": "Stride"},
    "explore_dilation": {"ko": "팽창 (dilation)", "en": "Dilation"},
    "explore_rows_suffix": {"ko": "{name} (행)", "en": "{name} (rows)"},
    "explore_cols_suffix": {"ko": "{name} (열)", "en": "{name} (columns)"},
    "explore_padding_help": {
        "ko": "X의 가장자리에 0을 몇 줄 덧붙일지 정합니다. 출력이 작아지는 것을 막아 줍니다.",
        "en": "How many rings of zeros to add around X. It keeps the output from shrinking.",
    },
    "explore_stride_help": {
        "ko": "커널이 한 번에 몇 칸씩 움직일지 정합니다. 2이면 출력이 대략 절반이 됩니다.",
        "en": "How many cells the kernel jumps at each step. With 2 the output is about half as big.",
    },
    "explore_dilation_help": {
        "ko": "커널 칸 사이를 몇 칸 띄울지 정합니다. 1이면 붙어 있고, 2이면 한 칸씩 건너뜁니다.",
        "en": "How far apart the kernel taps are. 1 means side by side, 2 skips every other cell.",
    },
    "explore_mode": {"ko": "연산", "en": "Operation"},
    "explore_mode_correlation": {"ko": "교차상관", "en": "Cross-correlation"},
    "explore_mode_convolution": {"ko": "합성곱 (커널 뒤집기)", "en": "Convolution (flipped kernel)"},
    "explore_mode_correlation_why": {
        "ko": "PyTorch의 nn.Conv2d가 실제로 계산하는 것: 커널을 쓴 그대로 겹쳐 곱하고 더합니다.",
        "en": "What PyTorch's nn.Conv2d really computes: the kernel is laid on X exactly as written.",
    },
    "explore_mode_convolution_why": {
        "ko": "수학의 합성곱은 커널을 180° 돌린 뒤 겹칩니다. 학습하는 커널이라면 뒤집힌 값을 배우면 되므로 결과는 같습니다.",
        "en": "Mathematical convolution rotates the kernel by 180° first. For a learned kernel it makes no difference: "
              "training simply learns the flipped values.",
    },
    "explore_channel_mode": {"ko": "채널별 커널", "en": "Kernel per channel"},
    "explore_channel_mode_shared": {"ko": "세 채널에 같은 커널", "en": "Same kernel for all channels"},
    "explore_channel_mode_each": {"ko": "채널마다 다른 커널", "en": "One kernel per channel"},
    "explore_channel_R": {"ko": "빨강 (R)", "en": "Red (R)"},
    "explore_channel_G": {"ko": "초록 (G)", "en": "Green (G)"},
    "explore_channel_B": {"ko": "파랑 (B)", "en": "Blue (B)"},
    "explore_shape": {"ko": "출력 Y의 크기 (행 x 열)", "en": "Size of the output Y (rows x columns)"},
    "explore_shape_rule": {
        "ko": "규칙: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 (n 입력 크기, k 커널 크기, p 패딩, s 스트라이드, d 팽창)",
        "en": "Rule: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 (n input size, k kernel size, p padding, s stride, d dilation)",
    },
    "explore_unused_rows": {
        "ko": "입력의 행 {rows:은} 어떤 창에도 들어가지 않습니다: 스트라이드가 그 행을 건너뛰거나, 끝에서 딱 나누어 떨어지지 않습니다.",
        "en": "Input row(s) {rows} are never read by any window: the stride jumps over them or does not fit evenly at the end.",
    },
    "explore_unused_cols": {
        "ko": "입력의 열 {cols:은} 어떤 창에도 들어가지 않습니다: 스트라이드가 그 열을 건너뛰거나, 끝에서 딱 나누어 떨어지지 않습니다.",
        "en": "Input column(s) {cols} are never read by any window: the stride jumps over them or does not fit evenly at the end.",
    },
    "explore_channels_sum": {
        "ko": "{c}개 채널을 각각 계산한 뒤 더해서 출력 하나를 만듭니다 (교재 6.4).",
        "en": "Each of the {c} channels is correlated on its own, then the results are added into one output (book 6.4).",
    },
    "explore_fig_x": {"ko": "입력 X", "en": "Input X"},
    "explore_fig_k": {"ko": "커널 K", "en": "Kernel K"},
    "explore_fig_y": {"ko": "출력 Y", "en": "Output Y"},
    "explore_fig_channel": {"ko": "{name} 채널 결과", "en": "{name} channel result"},
    "explore_fig_sum": {"ko": "합 = Y", "en": "Sum = Y"},
    "explore_fig_window": {"ko": "X의 창", "en": "Window of X"},
    "explore_fig_kernel_used": {"ko": "쓰인 커널", "en": "Kernel used"},
    "explore_fig_kernel_flipped": {"ko": "쓰인 커널 (180° 뒤집힘)", "en": "Kernel used (flipped 180°)"},
    "explore_fig_products": {"ko": "칸별 곱", "en": "Products"},
    "explore_hover_note_click": {
        "ko": "칸이 많아 숫자 대신 색으로 보여 줍니다. 마우스를 올리면 일정한 간격의 칸에서 정확한 값이 보이고, Y는 어느 칸이든 "
              "눌러서 들여다볼 수 있습니다 (아래에 행과 열을 입력해도 됩니다).",
        "en": "With this many cells the values are shown as colours. Hovering shows exact values on a regular sample of the "
              "cells; any cell of Y can be clicked to inspect it (or type its row and column below).",
    },
    "explore_hover_note": {
        "ko": "칸이 많아 숫자 대신 색으로 보여 줍니다. 마우스를 올리면 일정한 간격의 칸에서 정확한 값이 보이고, Y에서는 {step}칸마다 "
              "눌러 볼 수 있습니다. 어느 칸이든 아래에 행과 열을 입력하면 정확히 들여다볼 수 있습니다.",
        "en": "With this many cells the values are shown as colours. Hovering shows exact values on a regular sample of the "
              "cells, and on Y every {step}th cell can be clicked. Type a row and column below to inspect any cell exactly.",
    },
    "explore_pictures": {"ko": "그림으로 보기", "en": "As plain pictures"},
    "explore_picture_x": {"ko": "입력 X", "en": "Input X"},
    "explore_picture_y": {"ko": "출력 Y (가장 작은 값 검정, 가장 큰 값 흰색)", "en": "Output Y (smallest black, largest white)"},
    "explore_inspect": {"ko": "한 칸 들여다보기", "en": "Inspect one output cell"},
    "explore_inspect_help": {
        "ko": "Y의 칸을 누르거나 아래에 행과 열을 입력하세요. X 위의 주황색 틀이 그 칸을 만든 창입니다.",
        "en": "Click a cell of Y or type its row and column. The orange frame on X is the window that made it.",
    },
    "explore_row": {"ko": "Y의 행 i", "en": "Row i of Y"},
    "explore_col": {"ko": "Y의 열 j", "en": "Column j of Y"},
    "explore_code": {"ko": "노트북의 한 줄로 쓰면", "en": "As the notebook's one line"},
    "explore_padded_note": {
        "ko": "Xp는 0으로 패딩한 X입니다.",
        "en": "Xp is X with its zero padding.",
    },
    "explore_sum_line": {
        "ko": "곱 {n}개를 모두 더하면 **{total}**, 이것이 바로 Y[{i}, {j}] = **{value}** 입니다.",
        "en": "Adding up all {n} products gives **{total}**, which is exactly Y[{i}, {j}] = **{value}**.",
    },
    "explore_terms": {"ko": "덧셈: {terms}", "en": "The sum: {terms}"},
    "explore_channel_sums": {"ko": "채널별 합: {terms} = {total}", "en": "Per-channel sums: {terms} = {total}"},
    "explore_show_channel": {"ko": "곱을 볼 채널", "en": "Channel to show"},
    "explore_step": {"ko": "창의 위치 (한 줄씩 차례로)", "en": "Window position (row by row)"},
    "explore_step_help": {
        "ko": "슬라이더를 움직이거나 재생을 눌러 창이 출력 칸을 차례로 지나가는 모습을 보세요.",
        "en": "Drag the slider or press play to watch the window visit the output cells in order.",
    },
    "explore_play": {"ko": "재생", "en": "Play"},
    "explore_pause": {"ko": "일시정지", "en": "Pause"},
    "explore_speed": {"ko": "속도", "en": "Speed"},
    "explore_speed_slow": {"ko": "느리게", "en": "Slow"},
    "explore_speed_normal": {"ko": "보통", "en": "Normal"},
    "explore_speed_fast": {"ko": "빠르게", "en": "Fast"},
    "explore_no_image": {"ko": "먼저 입력 이미지를 골라 주세요.", "en": "Choose an input image first."},
    "explore_outputs": {"ko": "출력 채널 수", "en": "Output channels"},
    "explore_outputs_help": {
        "ko": "출력 채널마다 자기 커널을 가지고 출력 맵을 하나씩 만듭니다. nn.Conv2d의 out_channels 입니다 (교재 6.4.2).",
        "en": "Each output channel has its own kernel and makes its own output map: nn.Conv2d's out_channels "
              "(book 6.4.2).",
    },
    "explore_outputs_start": {
        "ko": "새 출력 채널의 커널은 교재처럼 첫 커널에 채널 번호를 더한 값(K, K + 1, K + 2, ...)에서 시작합니다. "
              "모든 출력 채널의 커널 크기는 같아야 합니다.",
        "en": "A new output channel's kernel starts as the first kernel plus its number (K, K + 1, K + 2, ...), "
              "as in the book. All output channels' kernels must have the same size.",
    },
    "explore_output_tab": {"ko": "출력 {n}", "en": "Output {n}"},
    "explore_outputs_title": {"ko": "출력 채널 나란히 보기", "en": "Output channels side by side"},
    "explore_outputs_shape": {
        "ko": "Y의 모양은 {o} x {h} x {w} 입니다: 출력 채널마다 맵 하나 (교재의 corr2d_multi_in_out).",
        "en": "Y has shape {o} x {h} x {w}: one map per output channel (the book's corr2d_multi_in_out).",
    },
    "explore_fig_output": {"ko": "출력 {n}", "en": "Output {n}"},
    "explore_show_output": {"ko": "살펴볼 출력 채널", "en": "Output channel to inspect"},
    "explore_xform": {"ko": "X 바꾸기", "en": "Transform X"},
    "explore_xform_none": {"ko": "그대로", "en": "As is"},
    "explore_xform_transpose": {"ko": "전치 X.t()", "en": "Transpose X.t()"},
    "explore_xform_rot90": {"ko": "90° 회전", "en": "Rotate 90°"},
    "explore_xform_help": {
        "ko": "교재 6.2.3절 끝의 실험입니다. X를 전치하면(X.t()) 행과 열이 바뀌어 세로 경계가 가로 경계가 됩니다. "
              "90° 회전은 X를 왼쪽(시계 반대 방향)으로 돌립니다 (torch.rot90).",
        "en": "The experiment at the end of section 6.2.3. Transposing X (X.t()) swaps its rows and columns, so "
              "vertical edges become horizontal ones. Rotate turns X 90° to the left, counter-clockwise "
              "(torch.rot90).",
    },
    "explore_xform_note": {
        "ko": "X를 {code:으로} 바꿔서 씁니다. 되돌리려면 '그대로'를 누르세요.",
        "en": "X is used as {code}. Pick 'As is' to go back.",
    },
    "explore_xform_zero": {
        "ko": "Y가 모두 0입니다: corr2d({code}, K). 이제 줄무늬가 가로로 놓여서, 왼쪽과 오른쪽 이웃을 비교하는 "
              "커널은 아무 차이도 찾지 못합니다. 커널도 전치해 보세요 (커널 격자의 '전치' 버튼, K.t()). 그러면 "
              "가로 경계를 찾아냅니다.",
        "en": "Y is all zeros: corr2d({code}, K). The stripes now lie across, and a kernel that compares left and "
              "right neighbours finds no difference. Transpose the kernel too (the kernel grid's 'Transpose' button, "
              "K.t()): then it finds the horizontal edges.",
    },
}
