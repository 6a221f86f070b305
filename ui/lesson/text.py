"""The Lesson's own text: each step's words, written as a Korean teacher would, and in English."""

STRINGS: dict[str, dict[str, str]] = {
    "lesson_title": {"ko": "강의: 6.2절 이미지를 위한 합성곱", "en": "Lesson: 6.2 Convolutions for Images"},
    "lesson_intro": {
        "ko": "수업 노트북을 셀 순서대로 따라갑니다. 각 단계마다 설명, 코드, 그리고 이 앱이 방금 계산한 결과가 "
              "있습니다. 값을 바꿔 보고, 언제든 「노트북 값으로 되돌리기」로 돌아올 수 있습니다.",
        "en": "We follow the course notebook cell by cell. Each step has a short explanation, the code, and the "
              "result the app has just computed. Change the values freely; \"Back to the notebook's values\" "
              "always brings you back.",
    },
    "lesson_steps": {"ko": "단계", "en": "Steps"},
    "lesson_nav_1": {"ko": "1 corr2d 함수", "en": "1 The corr2d function"},
    "lesson_nav_2": {"ko": "2 3×3 예제", "en": "2 A 3×3 example"},
    "lesson_nav_3": {"ko": "3 줄무늬 이미지", "en": "3 The stripes image"},
    "lesson_nav_4": {"ko": "4 커널 [1, −1]", "en": "4 The kernel [1, −1]"},
    "lesson_nav_5": {"ko": "5 경계 찾기", "en": "5 Finding edges"},
    "lesson_nav_6": {"ko": "6 커널 학습", "en": "6 Learning the kernel"},
    "lesson_nav_7": {"ko": "7 정리", "en": "7 Recap"},
    "lesson_prev": {"ko": "이전", "en": "Previous"},
    "lesson_next": {"ko": "다음", "en": "Next"},
    "lesson_position": {
        "ko": "{total}단계 중 {step}단계 · 키보드: PageDown 다음, PageUp 이전 (발표용 리모컨도 됩니다)",
        "en": "Step {step} of {total} · keyboard: PageDown next, PageUp previous (presentation clickers work too)",
    },
    "lesson_bad_step": {
        "ko": "주소의 step={value:는} 없는 단계입니다 (1부터 {total}까지). 1단계부터 보여 드립니다.",
        "en": "step={value} in the address is not a step (1 to {total}), so here is step 1.",
    },
    "lesson_reset": {"ko": "노트북 값으로 되돌리기", "en": "Back to the notebook's values"},
    "lesson_reset_help": {
        "ko": "이 단계가 쓰는 값을 모두 수업 노트북의 값으로 되돌립니다.",
        "en": "Put every value this step uses back to the course notebook's.",
    },
    "lesson_reset_all": {"ko": "모든 단계를 노트북 값으로 되돌리기", "en": "Put every step back to the notebook's values"},
    "lesson_output": {"ko": "출력", "en": "Output"},
    "lesson_input_help": {
        "ko": "[[0, 1], [2, 3]]처럼 쓰거나, 한 줄에 한 행씩 0 1 / 2 3처럼 써도 됩니다 (세미콜론으로 행 구분도 가능).",
        "en": "Write it like [[0, 1], [2, 3]], or one row per line (0 1, then 2 3), or rows split by semicolons.",
    },
    # Step 1
    "lesson_s1_title": {"ko": "corr2d: 합성곱 층이 실제로 하는 계산", "en": "corr2d: what a convolution layer really computes"},
    "lesson_s1_text": {
        "ko": "딥러닝에서 \"합성곱(convolution)\"이라 부르는 연산은 엄밀히 말하면 **교차상관**(cross-correlation)"
              "입니다. 커널 K를 입력 X의 왼쪽 위에 겹쳐 놓고, 겹친 칸끼리 곱해서 모두 더하면 출력 한 칸이 "
              "됩니다. 커널을 오른쪽으로 한 칸씩, 줄 끝에 닿으면 다음 줄로 옮기며 이 일을 반복합니다.\n\n"
              "아래 `corr2d`가 바로 그 두 겹의 반복문입니다. 강의 노트북의 코드를 글자 하나 바꾸지 않고 옮겼고, "
              "이 앱도 같은 반복문으로 계산합니다 (앱의 것에는 타입 표시와 한 줄 설명만 덧붙였습니다).",
        "en": "What deep learning calls \"convolution\" is, strictly speaking, **cross-correlation**. Lay the "
              "kernel K over the top-left corner of the input X, multiply the overlapping cells and add them "
              "all up: that is one output cell. Slide the kernel one cell to the right, and to the next row at "
              "the end of a row, and repeat.\n\n"
              "The `corr2d` below is exactly that double loop, copied from the course notebook as it is written "
              "there. The app computes with the same loop (its copy only adds type hints and a one-line "
              "docstring).",
    },
    "lesson_s1_rule": {
        "ko": "**출력 Y의 모양은 어떻게 정해질까요?** 높이가 k_h인 커널이 X 안에 온전히 들어가는 위치는 "
              "n_h − k_h + 1곳뿐입니다. 그보다 아래로 내려가면 커널이 X 밖으로 삐져나오기 때문입니다. "
              "너비도 마찬가지라서, 출력의 모양은 다음과 같습니다.",
        "en": "**How is the shape of Y decided?** A kernel of height k_h fits completely inside X at only "
              "n_h − k_h + 1 positions; any lower and it would hang over the edge of X. The same holds for "
              "the width, so the output has this shape:",
    },
    "lesson_s1_try": {"ko": "크기를 바꿔 보세요", "en": "Try other sizes"},
    "lesson_n_h": {"ko": "X의 행 수 n_h", "en": "Rows of X, n_h"},
    "lesson_n_w": {"ko": "X의 열 수 n_w", "en": "Columns of X, n_w"},
    "lesson_k_h": {"ko": "K의 행 수 k_h", "en": "Rows of K, k_h"},
    "lesson_k_w": {"ko": "K의 열 수 k_w", "en": "Columns of K, k_w"},
    "lesson_s1_shape": {"ko": "출력 Y의 모양: {explain}", "en": "Shape of the output Y: {explain}"},
    "lesson_s1_nofit": {
        "ko": "커널이 X보다 커서 들어갈 자리가 없습니다: {explain}. 출력이 비어 버리죠.",
        "en": "The kernel is bigger than X, so it fits nowhere: {explain}. The output is empty.",
    },
    # Step 2
    "lesson_s2_title": {"ko": "작은 예제로 손계산과 맞춰 보기", "en": "Checking corr2d by hand on a small example"},
    "lesson_s2_text": {
        "ko": "간단한 예제로 `corr2d`가 제대로 동작하는지 확인해 봅시다. 출력의 각 칸이 어떤 곱들의 합인지 "
              "아래에 모두 풀어 썼습니다. 종이에 직접 계산해 보고 맞춰 보세요. X와 K를 고치면 결과와 "
              "계산식이 바로 따라 바뀝니다.",
        "en": "Let us check on a small example that `corr2d` does what we expect. Below, every output cell "
              "is written out as the sum of products it comes from: work one out on paper and compare. Edit "
              "X or K and the result and the sums follow at once.",
    },
    "lesson_s2_x": {"ko": "입력 X", "en": "Input X"},
    "lesson_s2_k": {"ko": "커널 K", "en": "Kernel K"},
    "lesson_s2_shape": {"ko": "출력 모양: {explain}", "en": "Output shape: {explain}"},
    "lesson_s2_sums": {"ko": "출력 한 칸씩 풀어 쓰기", "en": "Each output cell, written out"},
    "lesson_s2_fix": {
        "ko": "입력을 고칠 때까지 결과를 계산하지 않습니다.",
        "en": "The result waits until the input is fixed.",
    },
    "lesson_heat_x": {"ko": "입력 X", "en": "Input X"},
    "lesson_heat_k": {"ko": "커널 K", "en": "Kernel K"},
    "lesson_heat_y": {"ko": "출력 Y = corr2d(X, K)", "en": "Output Y = corr2d(X, K)"},
    # Step 3
    "lesson_s3_title": {"ko": "세로 줄무늬 이미지 만들기", "en": "Making an image with vertical stripes"},
    "lesson_s3_text": {
        "ko": "이번에는 조금 더 그림다운 입력을 만듭니다. 모든 값이 1인 이미지를 만든 뒤, 가운데 열들을 0으로 "
              "바꿉니다. 1을 밝은 부분, 0을 어두운 부분이라고 생각하면 양쪽은 밝고 가운데에 어두운 세로 띠가 "
              "있는 이미지입니다. 밝기가 바뀌는 경계가 두 군데 있다는 점을 기억해 두세요.",
        "en": "Now a more picture-like input. Start from an image that is 1 everywhere and set the middle "
              "columns to 0. Read 1 as bright and 0 as dark: bright on both sides, a dark vertical band in the "
              "middle. Keep in mind that the brightness changes in two places.",
    },
    "lesson_rows": {"ko": "행 수", "en": "Rows"},
    "lesson_cols": {"ko": "열 수", "en": "Columns"},
    "lesson_zeros": {"ko": "0으로 바꿀 열 (X[:, a:b] = 0)", "en": "Columns set to 0 (X[:, a:b] = 0)"},
    "lesson_s3_caption": {
        "ko": "X의 모양: {rows}행 × {cols}열. 입력은 어디서나 회색조로 그립니다: 1은 흰색(밝음), 0은 검은색(어두움).",
        "en": "Shape of X: {rows} rows × {cols} columns. Inputs are drawn in grey everywhere: 1 is white (bright), "
              "0 is black (dark).",
    },
    # Step 4
    "lesson_s4_title": {"ko": "커널 K = [1, −1]", "en": "The kernel K = [1, −1]"},
    "lesson_s4_text": {
        "ko": "노트북이 쓰는 커널은 가로로 나란한 두 칸짜리 1×2 커널 [[1, −1]]입니다. 출력 한 칸은 "
              "X[i, j]·1 + X[i, j+1]·(−1)이니, 나란히 붙은 두 값만 봅니다. 다른 커널로 바꿔 보고 싶다면 "
              "여기서 고치세요. 5단계와 6단계가 이 K를 씁니다.",
        "en": "The notebook's kernel is the 1×2 kernel [[1, −1]]: two cells side by side. One output cell is "
              "X[i, j]·1 + X[i, j+1]·(−1), so it only ever looks at two horizontal neighbours. Edit it here "
              "to try another kernel: steps 5 and 6 use this K.",
    },
    "lesson_s4_k": {"ko": "커널 K", "en": "Kernel K"},
    "lesson_s4_question": {
        "ko": "**생각해 볼 질문:** 이 커널은 어떤 역할을 할까요? 이웃한 두 값이 같을 때, 1에서 0으로 바뀔 때, "
              "0에서 1로 바뀔 때 출력은 각각 얼마일까요? 답을 열기 전에 먼저 예상해 보세요.",
        "en": "**Question to think about:** what does this kernel do? What is the output where two neighbours "
              "are equal, where the value drops from 1 to 0, and where it rises from 0 to 1? Make a guess "
              "before you open the answer.",
    },
    "lesson_s4_reveal": {"ko": "답 보기", "en": "Show the answer"},
    "lesson_s4_answer": {
        "ko": "출력은 **왼쪽 값 − 오른쪽 값**입니다.\n\n"
              "- 두 값이 같으면 (1과 1, 0과 0): 0\n"
              "- 1에서 0으로 떨어지면: 1 − 0 = 1\n"
              "- 0에서 1로 올라가면: 0 − 1 = −1\n\n"
              "즉 이 커널은 **가로 방향의 변화**를 재는 커널, 다시 말해 **세로로 난 경계(edge)를 찾는 "
              "검출기**입니다. 밝기가 고른 곳에서는 조용하고, 경계에서만 반응합니다. 다음 단계에서 확인해 봅시다.",
        "en": "The output is **left value − right value**.\n\n"
              "- equal neighbours (1 and 1, 0 and 0): 0\n"
              "- a drop from 1 to 0: 1 − 0 = 1\n"
              "- a rise from 0 to 1: 0 − 1 = −1\n\n"
              "So this kernel measures **change along the row**: it is a **detector of vertical edges**. It "
              "stays silent where the brightness is even and responds only at an edge. The next step checks "
              "this.",
    },
    # Step 5
    "lesson_s5_title": {"ko": "경계 찾기: Y = corr2d(X, K)", "en": "Finding edges: Y = corr2d(X, K)"},
    "lesson_s5_text": {
        "ko": "3단계의 X에 4단계의 K를 적용합니다. 결과는 가로 방향의 차이(difference)입니다. 밝음(1)에서 "
              "어두움(0)으로 바뀌는 경계에는 1, 어두움에서 밝음으로 바뀌는 경계에는 −1이 나오고, 나머지는 "
              "모두 0입니다.",
        "en": "Apply step 4's K to step 3's X. The result is the horizontal difference: 1 where bright (1) "
              "turns dark (0), −1 where dark turns bright, and 0 everywhere else.",
    },
    "lesson_s5_edges": {
        "ko": "이번 결과: 양수는 {pos}번 열, 음수는 {neg}번 열에 있습니다 (열 번호는 0부터). 출력 모양: {explain}",
        "en": "This result: positive values in column {pos}, negative values in column {neg} (counting from "
              "0). Output shape: {explain}",
    },
    "lesson_none": {"ko": "없음", "en": "none"},
    "lesson_s5_t_title": {"ko": "이미지를 눕히면?", "en": "What if the image lies on its side?"},
    "lesson_s5_t_text": {
        "ko": "강의 노트북에는 주석으로 막아 둔 두 줄 `Yt = corr2d(X.t(), K)`가 있습니다 (d2l 책에서는 이 줄을 "
              "실행해 결과를 보여 줍니다). X를 전치(X.t())하면 세로 "
              "줄무늬가 가로 줄무늬가 됩니다. 이제 값은 위아래로만 바뀌고 한 행 안에서는 변하지 않으니, "
              "가로 이웃끼리 빼는 K는 아무것도 찾지 못합니다.",
        "en": "The course notebook has two commented-out lines: `Yt = corr2d(X.t(), K)` (the d2l book runs "
              "this line and shows its result). Transposing X (X.t()) turns "
              "the vertical stripes into horizontal ones. Now the values change only from row to row, never "
              "along a row, so a K that subtracts horizontal neighbours finds nothing.",
    },
    "lesson_s5_t_zero": {
        "ko": "Yt는 모든 값이 0입니다 (모양 {explain}). 이 커널은 세로 경계만 봅니다.",
        "en": "Every value of Yt is 0 (shape {explain}). This kernel sees vertical edges only.",
    },
    "lesson_s5_t_nonzero": {
        "ko": "이번에는 Yt에 0이 아닌 값이 있습니다 (가장 큰 절댓값 {peak}). 바꾼 X나 K 때문입니다. "
              "노트북 값으로 되돌리면 모두 0이 됩니다.",
        "en": "This time Yt has non-zero values (largest magnitude {peak}), because X or K was changed. "
              "With the notebook's values it is all zeros.",
    },
    "lesson_s5_fix_title": {"ko": "가로 경계도 찾으려면?", "en": "How would we find horizontal edges?"},
    "lesson_s5_fix_text": {
        "ko": "커널도 함께 전치하면 됩니다. K.t()는 위 칸에서 아래 칸을 빼므로, 눕힌 이미지의 경계를 찾습니다.",
        "en": "Transpose the kernel too. K.t() subtracts the cell below from the cell above, so it finds "
              "the edges of the image on its side.",
    },
    "lesson_code_t_comment": {"ko": "강의 노트북에서 주석으로 막아 둔 두 줄", "en": "commented out in the course notebook"},
    "lesson_code_start_comment": {"ko": "노트북과 같은 시작값", "en": "the notebook's start"},
    "lesson_heat_yt": {"ko": "Yt = corr2d(X.t(), K)", "en": "Yt = corr2d(X.t(), K)"},
    "lesson_heat_ytt": {"ko": "corr2d(X.t(), K.t())", "en": "corr2d(X.t(), K.t())"},
    # Step 6
    "lesson_s6_title": {"ko": "X와 Y만 보고 커널 배우기", "en": "Learning the kernel from X and Y"},
    "lesson_s6_text": {
        "ko": "지금까지는 사람이 커널을 정했습니다. 이번에는 거꾸로, 입력 X와 원하는 출력 Y(5단계의 결과)만 "
              "주고 커널을 **학습**시킵니다. 가중치가 {n}개인 합성곱 층 "
              "`nn.Conv2d(1, 1, kernel_size={shape}, bias=False)`을 만들고, 매 반복마다\n\n"
              "1. 현재 가중치로 Ŷ = conv2d(X)를 계산하고\n"
              "2. 제곱 오차 (Ŷ − Y)²를 모두 더한 loss를 구한 뒤\n"
              "3. 기울기(gradient)의 반대 방향으로 가중치를 학습률만큼 옮깁니다.\n\n"
              "노트북처럼 반복마다 loss와 가중치를 출력합니다. 학습이 잘 되면 가중치는 K에 다가가야 합니다.",
        "en": "So far a person chose the kernel. Now we turn it around: give only the input X and the output "
              "we want, Y (step 5's result), and **learn** the kernel. Build a convolution layer with {n} "
              "weights, `nn.Conv2d(1, 1, kernel_size={shape}, bias=False)`, and at every iteration\n\n"
              "1. compute Ŷ = conv2d(X) with the current weights,\n"
              "2. take the loss: the squared error (Ŷ − Y)², summed,\n"
              "3. move the weights against the gradient, scaled by the learning rate.\n\n"
              "Like the notebook we print the loss and the weights at each iteration. If learning works, the "
              "weights should approach K.",
    },
    "lesson_s6_init": {"ko": "시작 가중치", "en": "Starting weights"},
    "lesson_init_notebook": {"ko": "노트북과 같은 값", "en": "The notebook's"},
    "lesson_init_seed": {"ko": "무작위 (시드로 재현)", "en": "Random (reproducible by seed)"},
    "lesson_seed": {"ko": "시드", "en": "Seed"},
    "lesson_seed_help": {
        "ko": "같은 시드는 항상 같은 시작 가중치를 줍니다. 시드를 바꾸면 다른 곳에서 출발합니다.",
        "en": "The same seed always gives the same starting weights; another seed starts elsewhere.",
    },
    "lesson_lr": {"ko": "학습률", "en": "Learning rate"},
    "lesson_lr_help": {
        "ko": "노트북은 0.03을 씁니다. 0.3처럼 크게 하면 어떻게 되는지도 시험해 보세요.",
        "en": "The notebook uses 0.03. Also try a large one such as 0.3 and see what happens.",
    },
    "lesson_iterations": {"ko": "반복 횟수", "en": "Iterations"},
    "lesson_play": {"ko": "학습 시작", "en": "Train"},
    "lesson_pause": {"ko": "멈춤", "en": "Pause"},
    "lesson_step_once": {"ko": "한 번만 갱신", "en": "One update"},
    "lesson_restart": {"ko": "처음 가중치로", "en": "Start over"},
    "lesson_s6_init_shape": {
        "ko": "노트북의 시작값은 1×2 커널용이라, 지금 K의 모양 {shape}에는 시드로 만든 무작위 시작값을 씁니다.",
        "en": "The notebook's start is for a 1×2 kernel, so with K of shape {shape} a seeded random start is used.",
    },
    "lesson_s6_rounding": {
        "ko": "노트북은 시작 가중치를 소수 넷째 자리까지만 출력해 두었습니다. 그 값에서 출발하므로 처음 몇 번의 "
              "loss가 노트북과 마지막 자리에서 조금 다를 수 있습니다.",
        "en": "The notebook printed its starting weights to 4 decimals only. Starting from those, the first "
              "few losses may differ from the notebook's in the last digit.",
    },
    "lesson_s6_start": {
        "ko": "시작 가중치입니다. 「학습 시작」을 누르면 한 번씩 갱신되는 모습을 볼 수 있습니다.",
        "en": "These are the starting weights. Press \"Train\" to watch them change one update at a time.",
    },
    "lesson_s6_running": {"ko": "학습 중… {done}/{total}", "en": "Training… {done}/{total}"},
    "lesson_s6_done": {
        "ko": "{steps}번 갱신했습니다. loss가 {first}에서 {last:로} 줄었습니다.",
        "en": "{steps} updates done. The loss went from {first} to {last}.",
    },
    "lesson_s6_worse": {
        "ko": "{steps}번 갱신했지만 loss가 {first}에서 {last:로} 오히려 커졌습니다. 학습률이 너무 큰 것 같습니다.",
        "en": "{steps} updates done, but the loss grew from {first} to {last}: the learning rate is probably "
              "too large.",
    },
    "lesson_s6_diverged": {
        "ko": "{step}번째 반복에서 loss가 {loss}까지 커져서, {done}번 갱신한 뒤 학습을 멈췄습니다. 이 문제에는 "
              "학습률(lr = {lr})이 너무 큽니다. 위의 「학습률」 슬라이더에서 더 작은 값(노트북은 0.03)을 고르면 "
              "가중치가 처음 값으로 돌아갑니다. 그다음 「학습 시작」을 다시 누르세요. 학습률을 그대로 두고 "
              "「처음 가중치로」만 누르면 같은 일이 되풀이됩니다.",
        "en": "At iteration {step} the loss grew to {loss}, so training stopped after {done} updates: the "
              "learning rate {lr} is too large for this problem. Pick a smaller one on the \"Learning rate\" "
              "slider above (the notebook uses 0.03); the weights go back to their start. Then press \"Train\" again. "
              "\"Start over\" with the same learning rate only repeats the same blow-up.",
    },
    "lesson_s6_compare": {"ko": "배운 커널과 K 비교", "en": "The learned kernel beside K"},
    "lesson_col_weight": {"ko": "가중치", "en": "Weight"},
    "lesson_col_target": {"ko": "K (정답)", "en": "K (target)"},
    "lesson_col_learned": {"ko": "배운 값", "en": "Learned"},
    "lesson_col_gap": {"ko": "차이", "en": "Difference"},
    "lesson_s6_after": {
        "ko": "노트북의 마지막 셀처럼, 찾은 가중치가 K와 비슷한지 확인합니다.",
        "en": "As in the notebook's last cell, check that the weights we found are close to K.",
    },
    "lesson_chart_caption": {
        "ko": "검은 선: loss (왼쪽 로그 눈금). 색 선: 가중치 (오른쪽 눈금). 점선: K의 값.",
        "en": "Black: the loss (left, log scale). Coloured: the weights (right axis). Dotted: K's values.",
    },
    # Step 7
    "lesson_s7_title": {"ko": "정리", "en": "Recap"},
    "lesson_s7_text": {
        "ko": "- 합성곱 층의 연산은 교차상관입니다: 커널을 밀면서 겹친 칸끼리 곱해 더합니다.\n"
              "- 출력의 모양은 (n_h − k_h + 1) × (n_w − k_w + 1)입니다.\n"
              "- 커널 [1, −1]은 이웃한 값의 차이를 재서 세로 경계를 찾고, 눕힌 이미지에서는 아무것도 찾지 "
              "못합니다.\n"
              "- 커널은 사람이 정하지 않아도 됩니다. X와 Y만 있으면 경사 하강법으로 배울 수 있고, 이것이 "
              "CNN이 하는 일입니다.",
        "en": "- A convolution layer computes a cross-correlation: slide the kernel, multiply the overlapping "
              "cells, add them up.\n"
              "- The output has shape (n_h − k_h + 1) × (n_w − k_w + 1).\n"
              "- The kernel [1, −1] measures the difference of neighbours, so it finds vertical edges, and "
              "finds nothing in the image laid on its side.\n"
              "- Nobody has to choose the kernel: from X and Y alone, gradient descent learns it. That is "
              "what a CNN does.",
    },
    "lesson_s7_numbers": {"ko": "이번 수업에서 계산한 값", "en": "What this lesson computed"},
    "lesson_s7_example": {"ko": "2단계의 결과: {y}", "en": "Step 2's result: {y}"},
    "lesson_s7_edges": {
        "ko": "5단계의 경계 지도: 양수 {pos}번 열, 음수 {neg}번 열; 눕힌 이미지: {t}",
        "en": "Step 5's edge map: positive in column {pos}, negative in column {neg}; on its side: {t}",
    },
    "lesson_s7_all_zero": {"ko": "모두 0", "en": "all zeros"},
    "lesson_s7_not_zero": {"ko": "0이 아닌 값 있음", "en": "some non-zero values"},
    "lesson_s7_trained": {
        "ko": "6단계의 학습: {steps}번 갱신 후 loss {loss}, 가중치 {weights} (K = {target})",
        "en": "Step 6's training: after {steps} updates, loss {loss}, weights {weights} (K = {target})",
    },
    "lesson_s7_untrained": {"ko": "6단계의 학습은 아직 실행하지 않았습니다.", "en": "Step 6's training has not been run yet."},
    "lesson_s7_next": {
        "ko": "**더 해 보기:** 같은 이미지와 커널로 다른 페이지를 열어, 다른 이미지와 커널, 패딩과 스트라이드, "
              "다른 최적화 방법을 시험해 보세요.",
        "en": "**Go further:** open the other pages on the same image and kernel, then try other images and "
              "kernels, padding and stride, or other optimisers.",
    },
    "lesson_open_explore": {"ko": "탐색 페이지에서 열기", "en": "Open in Explore"},
    "lesson_open_train": {"ko": "학습 페이지에서 열기", "en": "Open in Train"},
}
