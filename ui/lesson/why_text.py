"""The text of the Lesson's one update spelled out (step 6), Korean and English."""

STRINGS: dict[str, dict[str, str]] = {
    "lesson_grad_title": {"ko": "갱신 한 번을 한 칸씩: 반복 1", "en": "One update, cell by cell: iteration 1"},
    "lesson_grad_intro": {
        "ko": "`l.sum().backward()`가 계산하는 기울기도 교차상관입니다. 시작 가중치 {start}에서 반복 1을 손으로 따라가 "
              "봅시다: 출력의 오차 Ŷ − Y를 구하고, X와 2(Ŷ − Y)를 교차상관해서 기울기를 얻고, 학습률 {lr}만큼 "
              "반대로 움직입니다.",
        "en": "The gradient that `l.sum().backward()` computes is a correlation too. Follow iteration 1 by hand from "
              "the starting weights {start}: take the output's error Ŷ − Y, correlate X with 2(Ŷ − Y) to get the "
              "gradient, and move against it by the learning rate {lr}.",
    },
    "lesson_grad_residual": {
        "ko": "**① 오차 Ŷ − Y.** 지금 가중치로 만든 출력과 목표의 차이입니다. 손실은 이 칸들을 제곱해서 모두 더한 "
              "값입니다: {loss}. 반복 1이 출력하는 loss와 같습니다.",
        "en": "**① The error Ŷ − Y.** The output of the current weights minus the target. The loss is the sum of "
              "its squares, {loss}: what iteration 1 prints.",
    },
    "lesson_grad_corr": {
        "ko": "**② 기울기는 X와 2(Ŷ − Y)의 교차상관입니다.** (Ŷ − Y)²를 Ŷ로 미분하면 2(Ŷ − Y)입니다. 가중치 "
              "grad[a, b]는 Y를 만들 때 자기와 곱해졌던 X의 칸들에 이 오차를 곱해 모두 더한 값이므로, "
              "커널 자리에 dY = 2(Ŷ − Y)를 놓고 X 위에서 corr2d를 한 번 더 하면 됩니다.",
        "en": "**② The gradient is the correlation of X with 2(Ŷ − Y).** The derivative of (Ŷ − Y)² by Ŷ is "
              "2(Ŷ − Y). Weight grad[a, b] sums this error times the cells of X it was multiplied with to make Y, "
              "so one more corr2d over X, with dY = 2(Ŷ − Y) in the kernel's place, gives it.",
    },
    "lesson_grad_corr_code": {
        "ko": "X와 dY의 교차상관, 곧 conv2d.weight.grad",
        "en": "the correlation of X with dY: conv2d.weight.grad",
    },
    "lesson_grad_rows": {"ko": "행", "en": "rows"},
    "lesson_grad_sums": {
        "ko": "0이 아닌 곱만 적었습니다 (같은 행이 되풀이되면 한 번만).",
        "en": "Only the nonzero products are written (a row that repeats, once).",
    },
    "lesson_grad_update": {
        "ko": "**③ w -= lr · grad.** 각 가중치를 기울기의 반대쪽으로 학습률만큼 옮깁니다. 위 학습 기록의 반복 1 "
              "가중치와 같은 값입니다.",
        "en": "**③ w -= lr · grad.** Each weight moves against its gradient, scaled by the learning rate: the same "
              "weights as iteration 1 in the training log above.",
    },
    "lesson_grad_start_comment": {"ko": "시작 가중치로 (반복 1)", "en": "with the starting weights (iteration 1)"},
    "lesson_heat_residual": {"ko": "Ŷ − Y", "en": "Ŷ − Y"},
    "lesson_heat_grad": {"ko": "grad = corr2d(X, 2(Ŷ − Y))", "en": "grad = corr2d(X, 2(Ŷ − Y))"},
}
