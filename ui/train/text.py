"""The Train page's own text, written for students (Korean and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "train_title": {"ko": "학습: X와 Y만 보고 커널 찾아내기", "en": "Train: find the kernel from X and Y alone"},
    "train_intro": {
        "ko": "교재 6.2.4절의 실험입니다. 목표 커널 K로 Y = X ⋆ K를 만든 뒤, 편향 없는 합성곱 층 하나가 X와 Y만 보고 "
              "K를 다시 찾아갑니다. 손실이 줄어들고 각 가중치가 목표(점선)로 다가가는 모습을 지켜보세요.",
        "en": "The experiment of section 6.2.4. A target kernel K makes Y = X ⋆ K; then one convolution layer with no "
              "bias finds K again from X and Y alone. Watch the loss fall and each weight move to its target "
              "(the dashed line).",
    },
    "train_x": {"ko": "입력 X", "en": "Input X"},
    "train_target": {"ko": "목표 커널 K (Y = X ⋆ K를 만드는 커널)", "en": "Target kernel K (the one that makes Y = X ⋆ K)"},
    "train_no_image": {"ko": "먼저 입력 이미지를 고르세요.", "en": "Pick an input image first."},
    "train_settings": {"ko": "학습 설정", "en": "Training settings"},
    "train_same_size": {"ko": "목표와 같은 크기", "en": "Same size as the target"},
    "train_same_size_help": {
        "ko": "끄면 배울 커널의 크기를 따로 정할 수 있습니다. 크기가 다르면 목표를 정확히 따라 할 수 없어 손실이 0까지 "
              "내려가지 않을 수 있습니다.",
        "en": "Turn off to choose another size for the learned kernel. With a different size it cannot copy the "
              "target exactly, so the loss may not reach 0.",
    },
    "train_rows": {"ko": "배울 커널 행", "en": "Learned kernel rows"},
    "train_cols": {"ko": "배울 커널 열", "en": "Learned kernel columns"},
    "train_shape_note": {"ko": "배울 커널: {h}x{w} (가중치 {n}개)", "en": "Learned kernel: {h}x{w} ({n} weights)"},
    "train_lr": {"ko": "학습률 (lr)", "en": "Learning rate (lr)"},
    "train_lr_help": {
        "ko": "한 번의 갱신에서 기울기의 몇 배만큼 움직일지 정합니다. 교재는 3e-2입니다. 너무 크면 손실이 튀어 오르며 "
              "발산합니다. 일시정지 중에 바꿔도 지금까지의 학습은 유지됩니다.",
        "en": "How far each update moves along the gradient. The book uses 3e-2. Too large and the loss jumps up and "
              "diverges. You can change it while paused: training so far is kept.",
    },
    "train_steps": {"ko": "스텝 수", "en": "Steps"},
    "train_steps_limit": {
        "ko": "이 서버에서 한 번의 학습은 최대 {limit}스텝입니다.",
        "en": "A run on this server takes at most {limit} steps.",
    },
    "train_steps_help": {
        "ko": "몇 번 갱신할지 정합니다. 교재는 10번입니다. 끝난 뒤 늘리면 이어서 학습할 수 있습니다.",
        "en": "How many updates to run. The book runs 10. Raise it after the end to continue training.",
    },
    "train_speed": {"ko": "실시간 속도", "en": "Live speed"},
    "train_speed_slow": {"ko": "느리게", "en": "Slow"},
    "train_speed_medium": {"ko": "보통", "en": "Medium"},
    "train_speed_fast": {"ko": "최대", "en": "Fast"},
    "train_speed_help": {"ko": "그래프를 새로 그릴 때마다 몇 스텝씩 학습할지 정합니다. 느리게: 1스텝, 보통: 5스텝, 최대: 시간이 허락하는 "
                                  "만큼.", "en": "How many steps to train between two updates of the chart. Slow: 1 step, "
                                  "medium: 5 steps, fast: as many as time allows."},
    "train_optimizer": {"ko": "최적화 방법", "en": "Optimizer"},
    "train_optimizer_help": {
        "ko": "기본은 교재 그대로 w -= lr * grad 입니다. 모멘텀은 이전 이동 방향을 기억하고, Adam은 가중치마다 "
              "보폭을 스스로 조절합니다.",
        "en": "Plain is the book's w -= lr * grad. Momentum remembers the previous direction; Adam adapts the step "
              "size for each weight.",
    },
    "train_opt_plain": {"ko": "기본 (w -= lr·grad)", "en": "Plain (w -= lr·grad)"},
    "train_opt_momentum": {"ko": "모멘텀 0.9", "en": "Momentum 0.9"},
    "train_opt_adam": {"ko": "Adam", "en": "Adam"},
    "train_loss": {"ko": "손실", "en": "Loss"},
    "train_loss_help": {
        "ko": "오차 제곱 (Y_hat - Y)²을 모두 더하거나(교재) 평균 냅니다. 큰 이미지에서는 합이 매우 커지므로 평균이나 "
              "작은 학습률을 쓰세요.",
        "en": "The squared errors (Y_hat - Y)² summed (the book) or averaged. On a large image the sum is huge, so "
              "use the mean or a small learning rate.",
    },
    "train_loss_sum": {"ko": "제곱 오차의 합 (교재)", "en": "Sum of squared errors (book)"},
    "train_loss_mean": {"ko": "제곱 오차의 평균", "en": "Mean of squared errors"},
    "train_seed": {"ko": "시드", "en": "Seed"},
    "train_seed_help": {
        "ko": "처음 가중치를 정하는 난수의 시드입니다. 같은 시드면 같은 결과가 나옵니다.",
        "en": "The random seed of the starting weights. The same seed gives the same run.",
    },
    "train_device": {"ko": "장치", "en": "Device"},
    "train_device_help": {
        "ko": "이 컴퓨터에서 torch가 찾은 장치만 보입니다. CPU는 항상 있고, GPU(CUDA)나 Apple(MPS)이 있으면 함께 나옵니다.",
        "en": "Only the devices torch finds on this machine are listed: always the CPU, and CUDA or MPS when present.",
    },
    "train_device_cpu": {"ko": "CPU", "en": "CPU"},
    "train_device_cuda": {"ko": "GPU (CUDA)", "en": "GPU (CUDA)"},
    "train_device_mps": {"ko": "Apple GPU (MPS)", "en": "Apple GPU (MPS)"},
    "train_device_used": {"ko": "실제 실행 장치: `{device}`", "en": "Actually running on: `{device}`"},
    "train_log_scale": {"ko": "손실 로그 눈금", "en": "Log-scale loss"},
    "train_start": {"ko": "시작", "en": "Start"},
    "train_pause": {"ko": "일시정지", "en": "Pause"},
    "train_resume": {"ko": "계속", "en": "Resume"},
    "train_step_once": {"ko": "한 스텝", "en": "Step once"},
    "train_finish": {"ko": "끝까지 바로", "en": "Run to the end"},
    "train_finish_help": {
        "ko": "그래프를 그리지 않고 남은 스텝을 한 번에 실행합니다 (최대 {seconds}초, 한 사람당 한도인 초당 {limit} 스텝으로 "
              "{seconds}초 동안 할 수 있는 만큼까지. 넘으면 실시간으로 이어집니다).",
        "en": "Run the remaining steps at once without drawing (at most {seconds} s, and at most {seconds} s worth of the "
              "limit of {limit} steps a second each; then it goes on live).",
    },
    "train_reset": {"ko": "초기화", "en": "Reset"},
    "train_reset_help": {
        "ko": "가중치를 처음 값으로 되돌리고 기록을 지웁니다. 학습률은 그대로입니다.",
        "en": "Put the weights back to their starting values and clear the history. The learning rate is kept.",
    },
    "train_progress": {"ko": "스텝 {step} / {total}", "en": "Step {step} / {total}"},
    "train_rate": {"ko": "초당 {rate} 스텝", "en": "{rate} steps a second"},
    "train_crowd": {"ko": "{n}명이 함께 학습하고 있어 그래프를 {seconds}초마다 새로 그립니다",
                    "en": "{n} people are training at once: the chart updates every {seconds} s"},
    "train_rate_limit": {"ko": "한 사람당 초당 {limit} 스텝까지", "en": "at most {limit} steps a second each"},
    "train_status_idle": {
        "ko": "**시작**을 누르면 학습이 시작되고 그래프가 실시간으로 그려집니다.",
        "en": "Press **Start**: training begins and the charts draw live.",
    },
    "train_status_running": {"ko": "학습 중…", "en": "Training…"},
    "train_status_paused": {
        "ko": "일시정지됨. 학습률을 바꾸고 **계속**을 눌러도 기록은 유지됩니다.",
        "en": "Paused. You can change the learning rate and press **Resume**: the history is kept.",
    },
    "train_status_reached": {
        "ko": "{steps} 스텝을 마쳤습니다. 스텝 수를 늘리면 이어서 학습할 수 있습니다.",
        "en": "Finished {steps} steps. Raise the number of steps to continue.",
    },
    "train_settings_changed": {
        "ko": "X, 목표 커널, 커널 크기, 시드, 최적화 방법, 손실 또는 장치가 바뀌어 학습을 새로 준비했습니다.",
        "en": "X, the target, the kernel size, the seed, the optimizer, the loss or the device changed, so training "
              "starts afresh.",
    },
    "train_reload_notice": {
        "ko": "학습이 {n}스텝까지 진행된 상태에서 이 페이지를 새로고침했습니다(또는 그때의 링크로 열었습니다). 설정은 "
              "그대로 남아 있지만, 학습은 0스텝부터 다시 시작합니다. 아래 버튼을 누르면 같은 시드와 설정으로 "
              "{n}스텝까지 다시 학습합니다. 기본 경사하강법은 매번 똑같이 계산하므로 같은 가중치에 도착합니다.",
        "en": "This page was reloaded (or opened from a link) while training was at step {n}. The settings are "
              "kept; training starts again from step 0. The button below trains again to step {n} with the same "
              "seed and settings: the computation is the same each time, so it reaches the same weights.",
    },
    "train_reload_lr_note": {
        "ko": "다만 그때는 학습 도중에 학습률을 바꿨습니다. 다시 학습할 때는 지금 학습률 하나로만 하므로 결과가 "
              "다를 수 있습니다.",
        "en": "The learning rate was changed during that run, though: training again uses the current rate "
              "throughout, so it may end elsewhere.",
    },
    "train_replay": {"ko": "{n}스텝까지 다시 학습", "en": "Train again to step {n}"},
    "train_lr_unstable": {
        "ko": "이 학습률로는 손실이 폭발합니다. 이 입력, 커널 크기, 손실에서 기본 경사하강법(w -= lr·grad)은 "
              "학습률이 {limit}보다 작을 때만 안정적입니다 (2 ÷ 손실 곡률의 최댓값 {curvature}). 지금 학습률은 "
              "{lr}입니다.",
        "en": "With this learning rate the loss will blow up. On this input, kernel size and loss, plain gradient "
              "descent (w -= lr·grad) is stable only for a learning rate below {limit} (2 ÷ the largest curvature "
              "of the loss, {curvature}). The learning rate now is {lr}.",
    },
    "train_lr_unstable_momentum": {
        "ko": "이 학습률로는 모멘텀을 써도 손실이 폭발합니다. 이 입력, 커널 크기, 손실에서 모멘텀 {beta:는} 학습률이 "
              "{limit}보다 작을 때만 안정적입니다 (2 × (1 + {beta}) ÷ 손실 곡률의 최댓값 {curvature}). 지금 학습률은 "
              "{lr}입니다.",
        "en": "With this learning rate the loss will blow up, even with momentum. On this input, kernel size and loss, "
              "momentum {beta} is stable only for a learning rate below {limit} (2 × (1 + {beta}) ÷ the largest "
              "curvature of the loss, {curvature}). The learning rate now is {lr}.",
    },
    "train_lr_momentum": {
        "ko": "참고: 기본 경사하강법이라면 이 학습률에서 폭발합니다(한계 약 {limit}). 모멘텀 {beta:는} 한계가 "
              "2 × (1 + {beta}) ÷ 곡률, 약 {momentum_limit}까지 넓어져서 수렴하지만, 가는 길에 크게 출렁일 수 있습니다.",
        "en": "Note: plain gradient descent would blow up at this rate (its limit is about {limit}). Momentum {beta} "
              "stretches the limit to 2 × (1 + {beta}) ÷ the curvature, about {momentum_limit}, so it converges, "
              "though it may swing widely on the way.",
    },
    "train_axis_flat": {"ko": "완만한 축", "en": "flat axis"},
    "train_axis_steep": {"ko": "가파른 축", "en": "steep axis"},
    "train_lr_unstable_sum": {
        "ko": "제곱 오차의 합은 출력 칸 수({cells}개)만큼 커져서, 고를 수 있는 가장 작은 학습률도 너무 큽니다. "
              "평균 손실에서는 학습률이 {mean_limit}보다 작으면 안정적입니다.",
        "en": "The sum of squared errors grows with the number of output cells ({cells}), so even the smallest "
              "learning rate on offer is too large. With the mean loss, any rate below {mean_limit} is stable.",
    },
    "train_lr_unstable_none": {
        "ko": "고를 수 있는 학습률은 모두 이 한계보다 큽니다.",
        "en": "Every learning rate on offer is above this limit.",
    },
    "train_lr_use": {"ko": "학습률 {lr} 사용하기", "en": "Use learning rate {lr}"},
    "train_lr_use_mean": {"ko": "평균 손실과 학습률 {lr} 사용하기", "en": "Use the mean loss and learning rate {lr}"},
    "train_lr_guide": {
        "ko": "참고: 기본 경사하강법이라면 이 입력, 커널 크기, 손실에서 학습률이 약 {limit}보다 작아야 안정적입니다. "
              "{optimizer}의 한 걸음은 곡률이 아니라 기울기의 크기 기록에 맞춰지므로 이 값은 어림잡는 기준일 뿐입니다. "
              "손실 그래프를 지켜보세요.",
        "en": "A guide only: for plain gradient descent, this input, kernel size and loss are stable below a "
              "learning rate of about {limit}. {optimizer} sizes its steps from the gradients' history, not from the "
              "curvature, so this is no limit for it: watch the loss.",
    },
    "train_diverged_result": {
        "ko": "학습이 발산해서 이 커널은 답이 아니라 멈춘 자리일 뿐입니다. 스텝을 늘려도 나아지지 않습니다. "
              "학습률을 낮추고 초기화한 뒤 다시 학습하세요.",
        "en": "Training diverged, so this kernel is where it stopped, not an answer; more steps will not help. "
              "Lower the learning rate, reset, and train again.",
    },
    "train_chart_loss": {"ko": "스텝별 손실", "en": "Loss per step"},
    "train_chart_weights": {"ko": "가중치 (점선: 목표)", "en": "Weights (dashed: target)"},
    "train_chart_weights_nomatch": {"ko": "가중치", "en": "Weights"},
    "train_axis_step": {"ko": "스텝", "en": "step"},
    "train_axis_loss": {"ko": "손실", "en": "loss"},
    "train_axis_value": {"ko": "값", "en": "value"},
    "train_target_word": {"ko": "목표", "en": "target"},
    "train_learned_word": {"ko": "배운 커널", "en": "learned"},
    "train_no_target_lines": {
        "ko": "배울 커널과 목표의 크기가 달라 목표 점선은 그리지 않습니다.",
        "en": "The learned kernel and the target differ in size, so no target lines are drawn.",
    },
    "train_big_kernel_note": {
        "ko": "3x3보다 큰 커널은 가중치가 많아 선 대신 히트맵으로 목표와 비교합니다.",
        "en": "Kernels larger than 3x3 have many weights, so they are compared with the target as heatmaps "
              "instead of lines.",
    },
    "train_landscape": {"ko": "손실 지형", "en": "Loss landscape"},
    "train_landscape_help": {
        "ko": "가중치가 2개뿐이라 두 가중치의 모든 조합에 대한 손실을 지도로 그릴 수 있습니다. 골짜기(밝은 곳)가 손실이 작은 "
              "곳이고, 주황 선이 최적화가 지나간 길입니다. 학습률이 너무 크면 골짜기를 가로질러 지그재그로 튀거나 "
              "밖으로 달아납니다. 교재 예제에서는 학습률 0.05만 되어도 그렇습니다. 점선 두 개는 골짜기 타원의 축입니다. "
              "지그재그는 가파른 축(분홍, 짧은 축)을 따라 생기고, 완만한 축(회색, 긴 축)을 따라서는 천천히 움직입니다.",
        "en": "With only 2 weights, the loss of every pair of their values can be drawn as a map. The valley (light) is where "
              "the loss is small; the orange line is the path the optimizer took. With too large a learning rate it "
              "zigzags across the valley or runs away: on the book's example, 0.05 is already enough. The two dashed "
              "lines are the axes of the valley's ellipses: the zigzag runs along the steep (pink, short) axis, and "
              "the path creeps along the flat (grey, long) one.",
    },
    "train_landscape_start": {"ko": "시작", "en": "start"},
    "train_landscape_now": {"ko": "현재", "en": "now"},
    "train_landscape_path": {"ko": "경로", "en": "path"},
    "train_landscape_z": {"ko": "log10 손실", "en": "log10 loss"},
    "train_summary": {"ko": "결과", "en": "Result"},
    "train_final_loss": {"ko": "마지막 손실", "en": "Final loss"},
    "train_first_loss": {"ko": "처음 손실", "en": "First loss"},
    "train_max_error": {"ko": "목표와의 최대 차이", "en": "Largest gap to target"},
    "train_steps_done": {"ko": "실행한 스텝", "en": "Steps run"},
    "train_close": {
        "ko": "배운 커널이 목표와 거의 같습니다 (모든 칸의 차이 {gap} 이하).",
        "en": "The learned kernel is very close to the target (every cell within {gap}).",
    },
    "train_not_close": {
        "ko": "아직 목표와 차이가 있습니다 (최대 {gap}). 스텝을 늘리거나 학습률·최적화 방법을 바꿔 보세요.",
        "en": "Still some way from the target (largest gap {gap}). Try more steps, or another learning rate or "
              "optimizer.",
    },
    "train_no_error": {
        "ko": "배울 커널과 목표의 크기가 달라 칸별 차이는 계산하지 않습니다. 아래 출력 비교를 보세요.",
        "en": "The learned kernel and the target differ in size, so there is no cell-by-cell gap; compare the "
              "outputs below.",
    },
    "train_fig_learned": {"ko": "배운 커널", "en": "Learned kernel"},
    "train_fig_target": {"ko": "목표 커널 K", "en": "Target kernel K"},
    "train_fig_diff": {"ko": "차이 (배운 것 - 목표)", "en": "Gap (learned - target)"},
    "train_fig_yhat": {"ko": "배운 커널의 출력 X ⋆ 배운 커널", "en": "Output of the learned kernel"},
    "train_fig_y": {"ko": "목표 출력 Y = X ⋆ K", "en": "Target output Y = X ⋆ K"},
    "train_outputs": {"ko": "출력 비교", "en": "Outputs compared"},
    "train_download_csv": {"ko": "학습 기록 (CSV)", "en": "Training log (CSV)"},
    "train_download_json": {"ko": "배운 커널 (JSON)", "en": "Learned kernel (JSON)"},
    "train_code": {"ko": "코드 보기", "en": "Show the code"},
    "train_code_caption": {
        "ko": "지금 설정 그대로, 교재 방식으로 학습하는 PyTorch 코드입니다. 그대로 실행할 수 있습니다.",
        "en": "PyTorch that trains with the current settings, written like the book. It runs as is.",
    },
    "train_code_other_size": {
        "ko": "배울 커널의 크기가 목표 커널과 달라서 두 출력의 크기도 다릅니다. 앱처럼 두 출력의 가운데 공통 부분만 비교합니다 (crop_to).",
        "en": "The learned kernel has another size than the target, so the two outputs differ in size: as in the app, "
              "only their common centred block is compared (crop_to).",
    },
    "train_download_py": {"ko": ".py 내려받기", "en": "Download .py"},
    "train_download_ipynb": {"ko": ".ipynb 내려받기", "en": "Download .ipynb"},
    "train_notebook_title": {"ko": "ConvLab: 커널 학습 (6.2.4절)", "en": "ConvLab: learning a kernel (section 6.2.4)"},
}
