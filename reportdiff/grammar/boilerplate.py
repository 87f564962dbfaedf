"""What a copy of a report carries that is not the report: page numbers, footnote marks,
web-page chrome, licence footers, captions, datelines.
"""

from __future__ import annotations

import re

from reportdiff.grammar.frame import TOC_TITLE

#: A page number on a line of its own, as text layers and typed copies write it:
#: 「- 8 -」, 「— 12 —」, 「第 8 页」, 「第8页 共20页」, 「8/20」, 「Page 3 of 9」.
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_]\s*\d{1,4}\s*[-—–－_]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|[-—–－]?\s*\d{1,4}\s*/\s*共?\s*\d{1,4}\s*页?[-—–－]?|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
#: In a page's top or bottom margin a bare number is a page number too (in the body it may be a
#: footnote marker or a table cell).
BARE_NUMBER = re.compile(r"^[-—–－_\s]*\d{1,4}[-—–－_\s]*$")


def is_page_number(text: str, *, in_margin: bool = False) -> bool:
    """Is the line a page number (``in_margin``: it stands in a page's top or bottom band)?

    >>> is_page_number("- 8 -"), is_page_number("8"), is_page_number("8", in_margin=True)
    (True, False, True)
    """
    text = text.strip()
    return bool(PAGE_NUMBER.match(text) or (in_margin and BARE_NUMBER.match(text)))


#: A footnote body at a page foot: 「1 “1+X+12”稳增长工作机制：…」.
FOOTNOTE_BODY = re.compile(r"^(\d{1,2})\s+(\S.*)$")
#: A bracketed footnote: 「[1] 两旧一村：…」.
BRACKET_NOTE = re.compile(r"^\[(\d{1,2})\]\s*(\S.*)$")


#: Words of web-page navigation and page tools (登录 | 注册, 打印, 【字号：加大 还原 减小】).
CHROME_WORDS = (
    "登录",
    "注册",
    "分享",
    "打印",
    "导出",
    "筛选",
    "首页",
    "搜索",
    "笔记",
    "年份",
    "目录",
    "原文",
    "复制",
    "问答",
    "写下来",
    "返回",
    "收藏",
    "字号",
    "字体",
    "下载",
    "全屏",
    "加大",
    "还原",
    "减小",
    "关闭",
    "纠错",
    "扫一扫",
    "当前位置",
    "您的位置",
    "阅读量",
    "浏览量",
    "点击",
)
#: Lines a news site puts around an article: 「来源：河北日报」, 「时间：2026-02-02」,
#: 「（来源：青海日报）」, 「责任编辑：…」, 「相关报道：」, 「【字号：」, 「打印本页」.
_NEWS_LABELS = "来源|时间|发布时间|发表时间|发布日期|作者|编辑|责任编辑|责编|浏览次数|点击数|阅读量"
NEWS_CHROME = re.compile(
    rf"^[（(]?(?:{_NEWS_LABELS}|字号|字体)[：:].{{0,40}}$"
    r"|^相关(?:报道|新闻|阅读|链接|文档|附件)[：:>》]*.{0,40}$|^【字[号体][：:]?|^[【】]$|^打印本页$"
    r"|^关闭窗口$|^分享到[：:]?.*$"
)
#: A news site's label whose value the page puts on the next line: 「来源：」 then 「四川日报」.
NEWS_LABEL = re.compile(rf"^(?:{_NEWS_LABELS})[：:]$")
#: A photo caption with its credit: 「王正谱作政府工作报告。本报记者 霍艳恩摄」.
PHOTO_CAPTION = re.compile(
    r"(?:记者|摄影|图)\s*[\u4e00-\u9fff·]{2,12}\s*摄[)）]?$|^[(（]?图片来源[：:]"
)
#: The caption or news lede over a report's photo, in the title block: someone (never 我) *delivers*
#: the report — 「任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿」, 「省长赵刚作政府工作报告」,
#: 「2月3日，…开幕。省长毛伟明作政府工作报告。湖南日报全媒体记者 刘尚文 摄」.
DELIVERY_CAPTION = re.compile(r"^[^我]{0,80}作(?:政府)?工作报告(?:[。.]|$)")
#: A news agency's dateline: 「新华社北京3月5日电」, 「本报讯」, 「人民网北京3月5日电（记者 …）」.
DATELINE = re.compile(
    r"^(?:(?:新华社|中新社|人民网|新华网|央视网|本报)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电"
    r"|本报讯)(?:\s*[（(][^）)]{0,30}[）)])?\s*"
)
#: A page's publishing time: an ISO date, or any date with a clock time — 「2026-01-31 07:00:44」,
#: 「2026年02月10日 07时41分」 (a report's own date is written 2025年1月15日, without a time).
WEB_TIMESTAMP = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
    r"|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}\s*[:时]\s*\d{2}\s*分?(?:\s*\d{2}\s*秒?)?$"
)
#: A breadcrumb separator or a line of page-tool symbols: 「>」, 「|」, 「×」.
NAV_SYMBOLS = re.compile(r"^[>＞»›|｜/×✕·•\s]+$")
#: The start of a 【字体：大 中 小】-style size control spread over one-character lines.
FONT_CONTROL = re.compile(r"^【?字[号体][：:]?$")
#: A line of links to related articles under a news article: everything after it is the site's.
RELATED_LINKS = re.compile(r"^相关(?:报道|新闻|阅读|链接|文档|附件|专题)(?:[：:]|>>|》》)?")


def is_chrome(text: str) -> bool:
    """Is a short line web-page chrome (navigation, page tools, source and date lines, photo
    credits) rather than report text?

    >>> [is_chrome(t) for t in ("下载", "【字号：", "来源：河北日报", "各位代表：", "一、工作回顾")]
    [True, True, True, False, False]
    >>> is_chrome("王正谱作政府工作报告。本报记者 霍艳恩摄"), is_chrome("扫一扫在手机打开当前页")
    (True, True)
    >>> is_chrome("目 录"), is_chrome("（来源：青海日报）"), is_chrome(">")
    (False, True, True)
    """
    text = text.strip()
    if NEWS_CHROME.match(text) or (len(text) <= 60 and PHOTO_CAPTION.search(text)):
        return True
    if TOC_TITLE.match(text) or len(text) > 16 or any(ch in text for ch in "。，；,;"):
        return False
    if "|" in text or NAV_SYMBOLS.match(text) or re.fullmatch(r"\d+/\d+", text):
        return True
    return any(word in text for word in CHROME_WORDS)


def is_web_timestamp(text: str) -> bool:
    """A page's publishing time on a line of its own (not a report's own date line).

    >>> is_web_timestamp("2026-01-31 07:00:44"), is_web_timestamp("2026年02月10日 07时41分")
    (True, True)
    >>> is_web_timestamp("2025年1月15日")
    False
    """
    return bool(WEB_TIMESTAMP.match(text.strip()))


def is_delivery_caption(text: str) -> bool:
    """A title-block line telling, in the third person, that someone delivered the report (a photo
    caption or a news lede): the report itself speaks as 我.

    >>> is_delivery_caption("省长叶建春作政府工作报告。本报全媒体记者 林 君摄")
    True
    >>> is_delivery_caption("现在，我代表省人民政府，向大会作政府工作报告，请予审议。")
    False

    The title block's own meeting line may say the same (「2025年1月13日在河北省第十四届人民代表大会
    第三次会议上河北省人民政府省长王正谱作政府工作报告。」): a line naming the meeting (会议上) is
    the report's, unless a photo credit ends it (:data:`PHOTO_CAPTION`).
    """
    text = text.strip()
    return bool(DELIVERY_CAPTION.match(text)) and not re.search(r"会议上|大会上", text)


#: The start of the licence footer Wikisource puts under every Chinese state document:
#: 「本作品是中华人民共和国的法律、法规，国家机关的决议…属于公有领域。」 and 「Public domain」.
LICENCE_FOOTER = re.compile(
    r"^(?:本作品是中华人民共和国的|本作品在全世界都属于公有领域|注：中文维基文库|Public domain$"
    r"|(?:true|false)$)"
)
#: What a licence footer says of the work, somewhere in it.
PUBLIC_DOMAIN = re.compile(r"公有领域|public domain", re.IGNORECASE)


def is_licence_footer_start(text: str) -> bool:
    """Does a line open a licence footer (Wikisource's, at the end of a report)?

    >>> is_licence_footer_start("本作品是中华人民共和国的"), is_licence_footer_start("本作品")
    (True, False)
    """
    return bool(LICENCE_FOOTER.match(text.strip()))


#: What a wiki's edit toolbar leaves in a copied page: bold/italic quote marks (''') on a line of
#: their own or after a sentence, and the toolbar's placeholder words (「粗体文字」).
WIKI_RESIDUE = re.compile(
    r"^(?:'{1,5}|粗体文字|斜体文字|链接标题|内部链接|外部链接|标题文字|插入非格式文本)$"
)
#: Wiki quote marks stuck to the end of a Chinese sentence: 「——改革开放进一步深化。'」.
WIKI_TRAILING_QUOTES = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])'{1,5}$")


def is_wiki_residue(text: str) -> bool:
    """A line that is only wiki markup left by an edit (a national report on Wikisource has one).

    >>> is_wiki_residue("粗体文字"), is_wiki_residue("'"), is_wiki_residue("文字")
    (True, True, False)
    """
    return bool(WIKI_RESIDUE.match(text.strip()))


#: Class, id or role names of HTML elements that hold page chrome, not content.
HTML_CHROME_NAMES = re.compile(
    r"(?i)(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|foot|"
    r"share|sharing|login|signin|sidebar|toolbar|topbar|ads?|advert\w*|"
    r"cookie\w*|copyright|pagination|pager)(?:$|[-_\s\d])"
)
