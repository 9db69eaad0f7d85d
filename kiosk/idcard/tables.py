"""Code tables the cards use: GB/T 3304 nationalities and Lhasa's district codes (GB/T 2260)."""

from __future__ import annotations

NATIONS = {
    "01": "汉族", "02": "蒙古族", "03": "回族", "04": "藏族", "05": "维吾尔族", "06": "苗族",
    "07": "彝族", "08": "壮族", "09": "布依族", "10": "朝鲜族", "11": "满族", "12": "侗族",
    "13": "瑶族", "14": "白族", "15": "土家族", "16": "哈尼族", "17": "哈萨克族", "18": "傣族",
    "19": "黎族", "20": "傈僳族", "21": "佤族", "22": "畲族", "23": "高山族", "24": "拉祜族",
    "25": "水族", "26": "东乡族", "27": "纳西族", "28": "景颇族", "29": "柯尔克孜族",
    "30": "土族", "31": "达斡尔族", "32": "仫佬族", "33": "羌族", "34": "布朗族", "35": "撒拉族",
    "36": "毛南族", "37": "仡佬族", "38": "锡伯族", "39": "阿昌族", "40": "普米族",
    "41": "塔吉克族", "42": "怒族", "43": "乌孜别克族", "44": "俄罗斯族", "45": "鄂温克族",
    "46": "德昂族", "47": "保安族", "48": "裕固族", "49": "京族", "50": "塔塔尔族",
    "51": "独龙族", "52": "鄂伦春族", "53": "赫哲族", "54": "门巴族", "55": "珞巴族",
    "56": "基诺族", "97": "其他", "98": "外国血统中国籍人士",
}  # fmt: skip

# LHASA.md section 3 (NBS division codes, confirmed). Unknown codes are not errors.
LHASA_DISTRICTS = {
    "540102": "城关区", "540103": "堆龙德庆区", "540104": "达孜区", "540121": "林周县",
    "540122": "当雄县", "540123": "尼木县", "540124": "曲水县", "540127": "墨竹工卡县",
}  # fmt: skip
TIBET_PREFECTURES = {
    "5401": "拉萨市", "5402": "日喀则市", "5403": "昌都市", "5404": "林芝市",
    "5405": "山南市", "5406": "那曲市", "5425": "阿里地区",
}  # fmt: skip


def nation_name(code: str) -> str:
    """The nationality's name, or "" for a code not in the table."""
    return NATIONS.get(code, "")


def region_name(number: str) -> str:
    """Where an ID number was first issued, as far as Lhasa cares ("" when unknown)."""
    district = LHASA_DISTRICTS.get(number[:6])
    if district:
        return f"拉萨市{district}"
    return TIBET_PREFECTURES.get(number[:4], "")
