"""Strings of the lecture kit: shareable links, presenter mode, the Explore code twin and the exports."""

STRINGS: dict[str, dict[str, str]] = {
    # Share panel
    "share_button": {"ko": "공유", "en": "Share"},
    "share_help": {
        "ko": "지금 보이는 화면을 그대로 여는 링크와 QR 코드입니다.",
        "en": "A link and a QR code that open exactly this view.",
    },
    "share_link": {"ko": "학생용 링크 (오른쪽 위 단추로 복사)", "en": "Link for students (copy with the button at the top right)"},
    "share_presenter_link": {"ko": "발표자용 링크 (발표 모드로 열림)", "en": "Presenter's link (opens in presenter mode)"},
    "share_loopback": {
        "ko": "이 주소({host})는 이 컴퓨터에서만 열립니다. 학생들이 열 수 있게 하려면 앱을 `make run HOST=0.0.0.0`으로 "
              "시작한 뒤 이 컴퓨터의 네트워크 주소로 접속하세요.",
        "en": "This address ({host}) opens on this computer only. For students to open it, start the app with "
              "`make run HOST=0.0.0.0` and open it by this computer's network address.",
    },
    "share_network": {
        "ko": "학생용 링크에는 이 컴퓨터의 네트워크 주소({host})를 넣었습니다. 같은 네트워크(같은 와이파이)에 있는 "
              "학생만 열 수 있습니다.",
        "en": "The link for students uses this computer's network address ({host}): students on the same network "
              "(the same Wi-Fi) can open it.",
    },
    "share_qr": {"ko": "휴대폰 카메라로 찍으면 같은 화면이 열립니다.", "en": "Point a phone camera at it to open the same view."},
    "share_qr_too_long": {
        "ko": "링크가 너무 길어 QR 코드로 만들 수 없습니다. 링크를 복사해 보내세요.",
        "en": "The link is too long for a QR code; copy the link instead.",
    },
    "share_upload_note": {
        "ko": "업로드한 이미지는 링크에 담을 수 없습니다. 링크를 연 사람은 이미지를 직접 올려야 합니다 "
              "(나머지 설정은 그대로 열립니다).",
        "en": "An uploaded image cannot go into a link: whoever opens it must upload the image themselves "
              "(every other setting opens as it is).",
    },
    "share_lesson_edits": {
        "ko": "링크에는 지금 보는 단계만 담깁니다. {steps}단계에서 고친 값은 담기지 않아, 링크를 연 사람은 "
              "노트북의 처음 값으로 보게 됩니다.",
        "en": "The link holds the step you are on, not the values you edited (edited steps: {steps}): whoever "
              "opens it sees the notebook's values.",
    },
    "share_challenge_note": {
        "ko": "이 링크는 같은 문제를 엽니다. 정답은 담기지 않고, 여러분이 입력한 커널과 받은 힌트도 담기지 않습니다.",
        "en": "This link opens the same challenge. It holds no answer, and neither your kernel nor your hints.",
    },
    "share_drawing_note": {
        "ko": "그림은 링크에 {side}x{side} 이하 크기로 담깁니다.",
        "en": "The drawing goes into the link at {side}x{side} or smaller.",
    },
    "share_bad_link": {
        "ko": "링크의 일부 값을 쓸 수 없어 기본값으로 열었습니다: {names}",
        "en": "Some values in the link could not be used and were reset to their defaults: {names}",
    },
    "draw_from_link": {
        "ko": "이 그림은 링크에 담겨 온 것입니다. 캔버스에 그리면 새 그림으로 바뀝니다.",
        "en": "This drawing came with the link; draw on the canvas to start a new one.",
    },
    "share_dismiss": {"ko": "확인", "en": "OK"},
    # Presenter mode
    "present_toggle": {"ko": "발표 모드", "en": "Presenter mode"},
    "present_help": {
        "ko": "프로젝터용: 글자와 그림 속 숫자를 키우고, 시연에 필요 없는 설정은 접어 둡니다.",
        "en": "For a projector: larger text and numbers, and the settings folded away.",
    },
    "present_controls": {"ko": "설정 (발표 모드에서는 접혀 있음)", "en": "Settings (folded in presenter mode)"},
    "present_steps": {"ko": "모든 단계 (발표 모드에서는 접혀 있음)", "en": "All steps (folded in presenter mode)"},
    # Explore code twin and exports
    "explore_code_twin": {"ko": "코드 보기", "en": "Show the code"},
    "explore_code_caption": {
        "ko": "지금 화면과 똑같은 결과를 내는 PyTorch 코드입니다: 교재의 corr2d 반복문, F.conv2d, unfold와 행렬곱.",
        "en": "PyTorch that reproduces this view exactly: the book's corr2d loop, F.conv2d, and unfold with a "
              "matrix multiply.",
    },
    "explore_code_each": {
        "ko": "채널마다 다른 커널을 쓰므로 K의 모양은 (3, h, w)입니다.",
        "en": "Each channel has its own kernel, so K has shape (3, h, w).",
    },
    "explore_download_py": {"ko": ".py 내려받기", "en": "Download .py"},
    "explore_download_ipynb": {"ko": ".ipynb 내려받기", "en": "Download .ipynb"},
    "explore_notebook_title": {"ko": "ConvLab 탐색: 코드 쌍둥이", "en": "ConvLab Explore: code twin"},
    "explore_exports": {"ko": "내려받기", "en": "Downloads"},
    "explore_exports_help": {
        "ko": "색 그림(PNG)은 값 하나를 색칠한 칸 하나로 그린 그림이라 축도 숫자도 없습니다. 축과 숫자까지 있는 "
              "그림을 저장하려면 그림 위에 마우스를 올리고 카메라 단추를 누르세요.",
        "en": "A colour map (PNG) paints one square per value, with no axes or numbers. To save a figure with its "
              "axes and numbers, hover over it and press its camera button.",
    },
    "explore_download_y_png": {"ko": "출력 Y 색 그림 (PNG)", "en": "Output Y colour map (PNG)"},
    "explore_download_y_csv": {"ko": "출력 Y (CSV)", "en": "Output Y (CSV)"},
    "explore_download_k_png": {"ko": "커널 K 색 그림 (PNG)", "en": "Kernel K colour map (PNG)"},
    "explore_download_k_csv": {"ko": "커널 K (CSV)", "en": "Kernel K (CSV)"},
    "train_download_pt": {"ko": "배운 커널 (PyTorch .pt)", "en": "Learned kernel (PyTorch .pt)"},
    "train_download_pt_help": {
        "ko": "nn.Conv2d(1, 1, 커널 크기, bias=False)의 state dict입니다: load_state_dict로 불러오세요.",
        "en": "The state dict of nn.Conv2d(1, 1, kernel size, bias=False): load it with load_state_dict.",
    },
}
