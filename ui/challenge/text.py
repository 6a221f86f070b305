"""The Challenge page's own text, written for students (Korean and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "challenge_title": {"ko": "도전: 숨은 커널 맞히기", "en": "Challenge: guess the hidden kernel"},
    "challenge_intro": {
        "ko": "입력 X와 출력 Y는 보이지만 커널 K는 숨겨져 있습니다. 격자에 커널을 입력하면 여러분의 Y와 목표 Y의 "
              "차이, 점수가 바로 나옵니다. 막히면 힌트를 한 단계씩 열어 보세요.",
        "en": "You see the input X and the output Y, but the kernel K is hidden. Type a kernel in the grid: your Y, "
              "its difference to the target and your score appear at once. Stuck? Open the hints one step at a time.",
    },
    "challenge_pick": {"ko": "문제", "en": "Challenge"},
    "challenge_pick_help": {
        "ko": "별이 많을수록 어려운 문제입니다. 선생님은 공유 링크로 반 전체에 같은 문제를 낼 수 있습니다 (정답은 링크에 담기지 않습니다).",
        "en": "More stars, harder challenge. A teacher can give the whole class the same challenge with the Share "
              "link (the answer is not in it).",
    },
    "challenge_settings": {
        "ko": "이 층의 설정: {mode} · 패딩 {padding} · 스트라이드 {stride} · 팽창 {dilation}",
        "en": "This layer's settings: {mode} · padding {padding} · stride {stride} · dilation {dilation}",
    },
    "challenge_pair": {"ko": "행 {rows}, 열 {cols}", "en": "{rows} for rows, {cols} for columns"},
    "challenge_fig_x": {"ko": "입력 X", "en": "Input X"},
    "challenge_fig_target": {"ko": "목표 Y (숨은 커널이 만든 출력)", "en": "Target Y (made by the hidden kernel)"},
    "challenge_fig_guess": {"ko": "내 커널의 Y", "en": "Your kernel's Y"},
    "challenge_fig_diff": {"ko": "차이: 내 Y − 목표 Y", "en": "Difference: your Y − target Y"},
    "challenge_your_kernel": {"ko": "내 커널 K", "en": "Your kernel K"},
    "challenge_shape_differs": {
        "ko": "내 Y는 {got}, 목표 Y는 {want} 크기라서 비교할 수 없습니다. 커널의 행과 열 수를 바꿔 보세요.",
        "en": "Your Y is {got} and the target is {want}, so they cannot be compared: change the kernel's rows or "
              "columns.",
    },
    "challenge_score": {"ko": "점수", "en": "Score"},
    "challenge_score_help": {
        "ko": "얼마나 가까운지(100점 만점)에서 힌트 하나마다 {cost}점을 뺍니다. 정답을 보면 0점입니다.",
        "en": "How close you are (out of 100), less {cost} points per hint. Showing the answer scores 0.",
    },
    "challenge_closeness": {"ko": "목표 Y에 가까운 정도: {value}%", "en": "How close your Y is to the target: {value}%"},
    "challenge_solved": {
        "ko": "정답입니다! 여러분의 커널이 목표 Y를 그대로 만듭니다. 점수: {score}점",
        "en": "Solved! Your kernel makes exactly the target Y. Score: {score}",
    },
    "challenge_revealed": {
        "ko": "격자에 정답이 들어 있습니다. 정답을 본 문제는 0점입니다. 다른 문제에 도전해 보세요.",
        "en": "The answer is in the grid; a challenge whose answer was shown scores 0. Try another one.",
    },
    "challenge_hints": {"ko": "힌트", "en": "Hints"},
    "challenge_hint_button": {"ko": "힌트 보기 (−{cost}점)", "en": "Show a hint (−{cost} points)"},
    "challenge_hint_help": {
        "ko": "처음에는 커널의 크기를, 그다음부터는 칸의 값을 하나씩 알려 줍니다 (지금 가장 많이 틀린 칸부터).",
        "en": "First the kernel's size, then one cell's value at a time (the cell you have most wrong first).",
    },
    "challenge_hint_n": {"ko": "힌트 {n}", "en": "Hint {n}"},
    "challenge_hint_shape": {"ko": "커널은 {rows}행 {cols}열입니다.", "en": "The kernel has {rows} rows and {cols} columns."},
    "challenge_hint_cell": {"ko": "K[{row}, {col}]의 값은 {value}입니다.", "en": "K[{row}, {col}] is {value}."},
    "challenge_no_more_hints": {"ko": "더 알려 줄 힌트가 없습니다.", "en": "There are no more hints."},
    "challenge_reveal": {"ko": "정답 보기", "en": "Show the answer"},
    "challenge_reveal_help": {
        "ko": "정답 커널을 격자에 넣습니다. 수업에서 풀이를 함께 볼 때 쓰세요. 이 문제는 0점이 됩니다.",
        "en": "Puts the answer in the grid, to go through it with the class. This challenge then scores 0.",
    },
}
