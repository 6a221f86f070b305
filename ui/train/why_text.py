"""The text of Train's "why" panels (the gradient, what X can determine), Korean and English."""

STRINGS: dict[str, dict[str, str]] = {
    "train_grad_title": {"ko": "스텝 {step}에서의 기울기 dL/dK", "en": "The gradient dL/dK at step {step}"},
    "train_grad_fig_kernel": {"ko": "지금 커널 (스텝 {step})", "en": "Kernel now (step {step})"},
    "train_grad_fig_grad": {"ko": "기울기 dL/dK", "en": "Gradient dL/dK"},
    "train_grad_fig_next": {"ko": "다음 갱신 뒤: w - {lr} · grad", "en": "After the next update: w - {lr} · grad"},
    "train_grad_caption_sum": {
        "ko": "기울기는 X와 2(Ŷ − Y)의 교차상관입니다: dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j]. Y를 만들 때처럼 "
              "X 위를 미끄러지며 곱해서 더하는데, 커널 자리에 출력의 오차 2(Ŷ − Y)가 들어갑니다. 다음 갱신 "
              "w -= lr · grad는 각 가중치를 기울기의 반대쪽으로 옮깁니다. 손실이 0이 되면 기울기도 0입니다.",
        "en": "The gradient is the correlation of X with 2(Ŷ − Y): dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j]. "
              "It slides over X and sums products just as Y was made, with the output's error 2(Ŷ − Y) in the "
              "kernel's place. The next update, w -= lr · grad, moves each weight against its gradient. When the "
              "loss reaches 0, so does the gradient.",
    },
    "train_grad_caption_mean": {
        "ko": "기울기는 X와 2(Ŷ − Y) / N의 교차상관입니다 (평균 손실이라 비교한 출력 칸 수 N = {cells:으로} 나눕니다): "
              "dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j] / N. Y를 만들 때처럼 X 위를 미끄러지며 곱해서 더하는데, "
              "커널 자리에 출력의 오차가 들어갑니다. 다음 갱신 w -= lr · grad는 각 가중치를 기울기의 반대쪽으로 옮깁니다.",
        "en": "The gradient is the correlation of X with 2(Ŷ − Y) / N (the mean loss divides by the N = {cells} "
              "output cells compared): dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j] / N. It slides over X and "
              "sums products just as Y was made, with the output's error in the kernel's place. The next update, "
              "w -= lr · grad, moves each weight against its gradient.",
    },
    "train_grad_other_optimizer": {
        "ko": "{optimizer:은} 이 기울기로 보폭과 방향을 따로 정하므로 다음 가중치가 w - lr · grad와 다릅니다.",
        "en": "{optimizer} turns this gradient into its own step, so the next weights are not w - lr · grad.",
    },
    "train_ident_title": {"ko": "이 X로 정해지는 것", "en": "What this X can determine"},
    "train_ident_short": {
        "ko": "이 X로는 {h}x{w} 커널의 가중치 {n}개를 모두 정할 수 없습니다. rank(A) = {rank}: 서로 독립인 조합 "
              "{rank}개만 Y에 드러납니다. 그래서 Y가 목표와 똑같아져도 배운 커널은 목표와 다를 수 있습니다.",
        "en": "This X cannot determine all {n} weights of a {h}x{w} kernel. rank(A) = {rank}: only {rank} "
              "independent combinations show in Y. So the learned kernel may differ from the target even when Y "
              "matches exactly.",
    },
    "train_ident_determined": {"ko": "**X와 Y로 정해지는 조합**", "en": "**Combinations X and Y determine**"},
    "train_ident_free": {
        "ko": "**Y를 바꾸지 않는 방향** (A^T A의 영공간): 커널에 이 조합을 얼마만큼 더해도 Y는 그대로입니다.",
        "en": "**Directions that leave Y unchanged** (the null space of A^T A): adding any amount of these to the "
              "kernel changes nothing in Y.",
    },
    "train_ident_more": {"ko": "그 밖에 {n}개", "en": "and {n} more"},
    "train_ident_after": {
        "ko": "학습 뒤: 배운 커널 − 목표 (크기 {gap}) 가운데 영공간에 있는 부분: {share}%. Y에 드러나는 부분의 크기는 "
              "{row}뿐입니다. Y는 맞지만 이 X로는 두 커널을 구별할 수 없습니다. 경사하강법은 이 방향으로는 가중치를 "
              "움직이지 않으므로, 그 부분은 시작 가중치에서 그대로 남은 것입니다.",
        "en": "After training: of learned − target (size {gap}), {share}% lies in the null space; the part Y "
              "shows has size {row} only. Y matches, but this X cannot tell the two kernels apart. Gradient descent "
              "never moves the weights along these directions, so that part is left over from the starting weights.",
    },
    "train_ident_richer": {
        "ko": "{sample:으로} 바꾸기 (모든 가중치를 정할 수 있는 그림)",
        "en": "Use the sample “{sample}” instead (a picture that determines every weight)",
    },
}
