"""The text of Train's "why" panels (the gradient, what X can determine), Korean and English."""

STRINGS: dict[str, dict[str, str]] = {
    "train_grad_title": {"ko": "스텝 {step}에서의 기울기 dL/dK", "en": "The gradient dL/dK at step {step}"},
    "train_grad_fig_kernel": {"ko": "지금 커널 (스텝 {step})", "en": "Kernel now (step {step})"},
    "train_grad_fig_grad": {"ko": "기울기 dL/dK", "en": "Gradient dL/dK"},
    "train_grad_fig_next": {"ko": "다음 갱신 뒤: w - {lr} · grad", "en": "After the next update: w - {lr} · grad"},
    "train_grad_caption_sum": {
        "ko": "기울기는 X와 2(Ŷ − Y)의 상관입니다: dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j]. Y를 만들 때처럼 "
              "X 위를 미끄러지며 곱해서 더하는데, 커널 자리에 출력의 오차 2(Ŷ − Y)가 들어갑니다. 다음 갱신 "
              "w -= lr · grad는 각 가중치를 기울기의 반대쪽으로 옮깁니다. 손실이 0이 되면 기울기도 0입니다.",
        "en": "The gradient is the correlation of X with 2(Ŷ − Y): dL/dK[a, b] = Σ X[i + a, j + b] · 2(Ŷ − Y)[i, j]. "
              "It slides over X and sums products just as Y was made, with the output's error 2(Ŷ − Y) in the "
              "kernel's place. The next update, w -= lr · grad, moves each weight against its gradient. When the "
              "loss reaches 0, so does the gradient.",
    },
    "train_grad_caption_mean": {
        "ko": "기울기는 X와 2(Ŷ − Y) / N의 상관입니다 (평균 손실이라 비교한 출력 칸 수 N = {cells:으로} 나눕니다): "
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
}
