"""Every message a ConvLabError carries (err_*), in Korean and English: the library's own words to the user."""

STRINGS: dict[str, dict[str, str]] = {
    # The engine, images, kernels, links
    "err_param_pair": {
        "ko": "{name} 값 {value:은} 정수 하나 또는 (행, 열) 정수 쌍이어야 합니다.",
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
    "err_method": {"ko": "계산 방법 {value:은} 지원하지 않습니다.", "en": "Unknown method {value}."},
    "err_kernel_empty_cell": {
        "ko": "커널 {row}행 {col}열 칸이 비어 있습니다. 숫자를 입력하세요.",
        "en": "Kernel cell at row {row}, column {col} is empty. Enter a number.",
    },
    "err_kernel_text": {
        "ko": "커널 {row}행 {col}열의 값 {value:\"은} 숫자가 아닙니다.",
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
        "ko": "이미지가 너무 큽니다 ({width}x{height}, 최대 {limit:만} 화소). 더 작은 이미지를 올려 주세요.",
        "en": "The image is too large ({width}x{height}, at most {limit:,} pixels). Upload a smaller one.",
    },
    "err_image_too_large_unknown": {
        "ko": "이미지가 너무 커서 안전하게 열 수 없습니다 (최대 {limit:만} 화소). 더 작은 이미지를 올려 주세요.",
        "en": "The image is too large to open safely (at most {limit:,} pixels). Upload a smaller one.",
    },
    "err_image_not_image": {
        "ko": "이미지 파일이 아닙니다. PNG, JPEG, GIF, BMP, WebP 파일을 올려 주세요.",
        "en": "This is not an image file. Upload a PNG, JPEG, GIF, BMP or WebP file.",
    },
    "err_image_corrupt": {
        "ko": "이미지 파일이 손상되었거나 잘려 있어 읽을 수 없습니다.",
        "en": "The image file is damaged or cut short and cannot be read.",
    },
    # from inputs
    "err_kernel_comma": {
        "ko": "커널 {row}행 {col}열의 \"{value}\"에 쉼표가 있습니다. 소수점은 쉼표(,)가 아니라 마침표(.)로 찍어 주세요 "
              "(예: 1.5). 한 칸에는 숫자를 하나만 넣습니다.",
        "en": "Kernel cell at row {row}, column {col} holds \"{value}\", with a comma. Write decimals with a point "
              "(for example 1.5), and one number per cell.",
    },
    # from convcore.training
    # Messages raised by convcore.training
    "err_train_target": {"ko": "목표로 커널 K 또는 출력 Y 중 정확히 하나를 주어야 합니다.",
                         "en": "Give exactly one target: a kernel K or an output Y."},
    "err_train_rank": {"ko": "{name:은} (행, 열) 모양의 2차원 배열이어야 합니다 (받은 모양: {shape}).",
                       "en": "{name} must be a 2D (rows, columns) array (got shape {shape})."},
    "err_train_y_shape": {"ko": "출력 Y의 모양 {y:이} 입력 X의 모양 {x}보다 큽니다. Y는 X보다 클 수 없습니다.",
                          "en": "Output Y has shape {y}, larger than input X {x}; Y cannot be larger than X."},
    "err_train_optimizer": {"ko": "최적화 방법 {value:은} 지원하지 않습니다. 가능한 값: {choices}.",
                            "en": "Unknown optimizer {value}; choose one of {choices}."},
    "err_train_loss": {"ko": "손실 함수 {value:은} 지원하지 않습니다. 가능한 값: {choices}.",
                       "en": "Unknown loss {value}; choose one of {choices}."},
    "err_train_lr": {"ko": "학습률은 0보다 큰 유한한 숫자여야 합니다 (입력: {value}).",
                     "en": "The learning rate must be a finite number greater than 0 (got {value})."},
    "err_train_seed": {"ko": "시드는 0 이상의 정수여야 합니다 (입력: {value}).",
                       "en": "The seed must be a whole number, 0 or more (got {value})."},
    "err_train_steps": {"ko": "스텝 수는 0 이상의 정수, 최대 스텝 수는 1 이상의 정수여야 합니다 (입력: {value}).",
                        "en": "A number of steps must be a whole number of 0 or more, and the step limit at least 1 "
                              "(got {value})."},
    "err_train_device": {"ko": "장치 {device:은} 알 수 없습니다. 가능한 값: {choices}.",
                         "en": "Unknown device {device}; choose one of {choices}."},
    "err_train_device_unavailable": {
        "ko": "이 컴퓨터에서는 {device} 장치를 쓸 수 없습니다 (torch가 찾지 못했습니다). 사용 가능한 장치: {available}.",
        "en": "The {device} device is not available on this machine (torch cannot find it). Available: {available}."},
    "err_train_diverged": {
        "ko": "{step}번째 스텝에서 손실이 폭발했습니다 (손실 {loss}). 그래서 {done}스텝까지만 학습하고 멈췄습니다. "
              "학습률(lr = {lr})이 너무 큰 것 같습니다. 학습률을 낮추고 초기화하세요. 지금까지의 기록은 그래프와 "
              "내려받기에 남아 있습니다.",
        "en": "Training diverged at step {step} (loss {loss}), so it stopped after {done} steps. The learning rate "
              "{lr} is probably too large: lower it and reset. The history so far stays in the charts and the "
              "downloads."},
    "err_train_max_steps": {"ko": "최대 스텝 수 {limit}에 도달해 학습을 멈췄습니다. 다시 하려면 초기화하세요.",
                            "en": "Stopped at the step limit of {limit}. Reset to train again."},
    "err_landscape_kernel": {
        "ko": "손실 지형은 가중치가 2개인 커널(1x2 또는 2x1)에서만 그릴 수 있습니다 (커널 모양: {shape}).",
        "en": "The loss landscape can only be drawn for a kernel with 2 weights (1x2 or 2x1); this one is {shape}."},
    "err_landscape_range": {"ko": "{name}의 범위 {value:은} 최솟값 < 최댓값인 유한한 두 숫자여야 합니다.",
                            "en": "The {name} range {value} must be two finite numbers, low < high."},
    "err_landscape_resolution": {"ko": "해상도는 2 이상 {limit} 이하의 정수여야 합니다 (입력: {value}).",
                                 "en": "The resolution must be a whole number from 2 to {limit} (got {value})."},
    # from the lesson
    # Errors of the lesson's matrix inputs
    "err_lesson_blank": {"ko": "{name:가} 비어 있습니다. 숫자를 넣어 주세요.", "en": "{name} is empty. Enter some numbers."},
    "err_lesson_empty_cell": {
        "ko": "{name}의 {row}행 {col}열이 비어 있습니다. 숫자를 넣어 주세요.",
        "en": "{name}: row {row}, column {col} is empty. Enter a number.",
    },
    "err_lesson_text": {
        "ko": "{name}의 {row}행 {col}열 {value:\"은} 숫자가 아닙니다.",
        "en": "{name}: row {row}, column {col} holds \"{value}\", which is not a number.",
    },
    "err_lesson_not_finite": {
        "ko": "{name}의 {row}행 {col}열이 NaN이나 무한대입니다. 유한한 숫자를 넣어 주세요.",
        "en": "{name}: row {row}, column {col} is NaN or infinite. Enter a finite number.",
    },
    "err_lesson_too_big_value": {
        "ko": "{name}의 {row}행 {col}열 값이 너무 큽니다 (절댓값 {limit} 이하).",
        "en": "{name}: row {row}, column {col} is too large (keep it within ±{limit}).",
    },
    "err_lesson_shape": {
        "ko": "{name:는} 모든 행의 길이가 같아야 합니다. 행마다 숫자 개수를 맞춰 주세요.",
        "en": "{name} needs rows of equal length: give every row the same number of values.",
    },
    "err_lesson_too_large_side": {
        "ko": "이 단계에서 {name}의 한 변은 최대 {limit}칸입니다.",
        "en": "In this step a side of {name} can be at most {limit} cells.",
    },
    # Explore: an inspected cell, a layer's kernels and outputs
    "explore_err_cell": {
        "ko": "Y에는 ({i}, {j}) 칸이 없습니다. Y의 크기는 {h} x {w} 입니다.",
        "en": "Y has no cell ({i}, {j}); Y is {h} x {w}.",
    },
    "explore_err_kernel_shapes": {
        "ko": "채널별 커널의 크기가 모두 같아야 합니다 (지금: {shapes}). 그때까지 빨강 채널의 커널을 세 채널에 씁니다.",
        "en": "The per-channel kernels must all have the same size (now: {shapes}). Until they do, the red "
              "channel's kernel is used for all three.",
    },
    "explore_err_output_shapes": {
        "ko": "출력 채널의 커널 크기가 모두 같아야 합니다 (nn.Conv2d처럼). 지금: {shapes}. 그때까지 출력 1만 보여 줍니다.",
        "en": "All output channels' kernels must have the same size (as in nn.Conv2d); now: {shapes}. Until they "
              "do, only output 1 is shown.",
    },
}
