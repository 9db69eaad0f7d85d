"""Pictures beside words: one colour emoji per trade (Noto Color Emoji)."""

from __future__ import annotations

TRADE_ICONS = {
    "banyun": "📦", "zhuangxie": "🚚", "zhuangxiu_xiaogong": "🪣", "zhuangxiu_dagong": "🏠",
    "niwa": "🧱", "shuidian": "🔌", "youqi": "🎨", "mugong": "🪚", "gangjin": "🏗", "hunningtu": "🏗",
    "jiazi": "🪜", "fangshui": "💧", "hangong": "🔥", "huojia": "🛒", "baojie": "🧹",
    "jiazheng": "🧺", "bangchu": "🍳", "fuwuyuan": "🍽", "baoan": "🛡", "lvhua": "🌳",
    "wajueji": "🚜", "huoyun": "🚛",
}  # fmt: skip
