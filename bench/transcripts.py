"""Synthetic 12345 hotline calls for the benchmarks: 2,000-3,000 characters of Chinese
transcript in 40-80 timed utterances, with the faults the default pack looks for.

    generate_calls(n, seed=0) -> list of call dicts valid for `contracts.call.Call`

Deterministic for a seed. Openings and closings are sometimes garbled by speech recognition or
missing; agents sometimes use banned phrases, pass the buck, are rude, repeat themselves, leave
long silences or talk over the citizen; work orders sometimes lack fields, carry a wrong
category or department, or were dispatched late.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

CHINA = timezone(timedelta(hours=8))
BASE_DAY = datetime(2026, 11, 2, tzinfo=CHINA)
AGENTS = tuple(f"A{1001 + n}" for n in range(40))
AGENTS_PER_TEAM = 5

Utterance = tuple[str, str, str]
"""(role, text, gap kind before it: "normal", "long" or "overlap")."""


@dataclass(frozen=True)
class Topic:
    """One kind of citizen request, with what both sides typically say about it."""

    name: str
    category: str
    departments: tuple[str, ...]
    problems: tuple[str, ...]
    details: tuple[str, ...]
    agent_lines: tuple[str, ...]


TOPICS = (
    Topic(
        "路灯",
        "市政设施",
        ("城管局", "街道办事处"),
        (
            "我想反映一下，我们小区门口的路灯坏了{days}天了，晚上黑漆漆的什么都看不见。",
            "{addr}那一段的路灯一直不亮，老人晚上出门很不安全。",
            "我家楼下那条路的路灯一闪一闪的，有时候整晚都不亮。",
        ),
        (
            "就在{addr}，靠近公交站那个位置。",
            "前两天还有个老人在那边摔了一跤。",
            "我们小区晚上下班回来的人很多，路上没有灯真的很危险。",
            "大概有三四根灯杆都不亮，不是一根两根的问题。",
            "我问过物业，物业说路灯不归他们管。",
        ),
        (
            "路灯的维护一般是城管部门负责的，我们会把您的诉求转过去。",
            "请问是整条路都不亮，还是个别几盏灯不亮？",
            "您说的灯杆上面有没有编号？有编号的话维修会快一些。",
            "我们会督促相关部门尽快安排人员现场查看维修。",
        ),
    ),
    Topic(
        "噪音",
        "环境保护",
        ("生态环境局", "城管局"),
        (
            "我要投诉噪音，{addr}旁边的工地每天晚上十一二点还在施工。",
            "楼下有家烧烤店每天营业到凌晨两三点，吵得我们根本睡不着觉。",
            "隔壁装修从早上七点就开始打电钻，周末也不停。",
        ),
        (
            "家里有小孩马上要高考了，天天被吵得没法复习。",
            "已经持续{days}天了，白天也就算了，晚上真的受不了。",
            "我去跟他们说过，他们说有审批手续，根本不理我。",
            "声音特别大，关上窗户都能听得很清楚。",
        ),
        (
            "夜间施工需要有夜间施工许可，我们会请执法部门去核实一下。",
            "请问噪音一般是几点到几点？是每天都有吗？",
            "噪音扰民的问题我们会转给属地和环保部门一起处理。",
            "如果晚上噪音正在发生，您也可以直接拨打110反映。",
        ),
    ),
    Topic(
        "物业",
        "物业管理",
        ("住建局", "街道办事处", "社区居委会"),
        (
            "我们小区物业什么都不管，电梯坏了{days}天都没人修。",
            "物业费年年涨，小区里的垃圾却好几天都没人清理。",
            "我想投诉一下{addr}的物业公司，私自把绿地改成了停车位收费。",
        ),
        (
            "我们住在十八楼，家里还有一个八十多岁的老人，电梯不能用根本下不了楼。",
            "找物业好几次了，每次都说在联系厂家，一直拖着。",
            "业主群里大家都很有意见，但是物业就是不回应。",
            "物业的电话经常打不通，去物业办公室也找不到人。",
        ),
        (
            "物业服务的问题我们会转给住建部门，由他们督促物业公司整改。",
            "请问您有没有跟社区居委会反映过这个情况？",
            "电梯属于特种设备，涉及安全的问题我们会加急转办。",
            "请问物业公司的名称您知道吗？",
        ),
    ),
    Topic(
        "社保",
        "社会保障",
        ("人社局", "社保中心"),
        (
            "我想咨询一下，我换了工作以后社保怎么转移接续？",
            "我的社保卡丢了，想问一下怎么补办，需要带什么材料？",
            "公司已经{days}天没给我们交社保了，我想问一下该怎么办。",
        ),
        (
            "我之前在外地交了五年，现在回来这边工作了。",
            "单位说是经营困难，让我们再等等，可是这都好几个月了。",
            "我在手机上查了一下，显示的缴费记录是断的。",
            "我年纪大了，手机上的那些操作我不太会弄。",
        ),
        (
            "社保关系转移可以通过国家社会保险公共服务平台或者掌上十二三三三办理。",
            "补办社保卡需要带本人身份证，到就近的合作银行网点办理就可以。",
            "单位未按规定缴纳社保的，您可以向劳动保障监察部门投诉。",
            "请问您的社保是在哪个区参保的？",
        ),
    ),
    Topic(
        "公积金",
        "住房保障",
        ("住房保障中心", "住建局"),
        (
            "我想问一下公积金提取需要什么条件，我租房可以提吗？",
            "我买房想用公积金贷款，想咨询一下额度是怎么算的。",
            "我在网上申请的公积金提取已经{days}天了还没有到账。",
        ),
        (
            "我现在租的房子没有备案合同，不知道行不行。",
            "我和我爱人两个人都交了公积金，能不能一起算？",
            "网上显示审核中，也没有说哪里不对。",
            "我打公积金中心的电话一直占线，实在没办法才打到这里。",
        ),
        (
            "租房提取公积金需要提供租赁合同或者无房证明，具体以公积金中心的要求为准。",
            "公积金贷款额度和您的缴存余额、缴存时间都有关系。",
            "网上提取一般在五个工作日内审核完成，超时的话我们可以帮您催办。",
            "请问您的公积金是在市本级缴存的吗？",
        ),
    ),
    Topic(
        "医保",
        "医疗卫生",
        ("医保局",),
        (
            "我在外地住院，想问一下医保异地报销要怎么办理？",
            "我家孩子的城乡居民医保今年怎么交，在哪里交？",
            "我去医院看病，医保卡刷不了，说是状态异常。",
        ),
        (
            "我母亲在上海住院，已经花了好几万了。",
            "我之前都是在社区交的，今年社区说不收了。",
            "医院说让我找医保部门，医保部门又说让我找医院。",
            "我已经跑了好几趟了，每次都说材料不对。",
        ),
        (
            "异地就医需要先办理备案，可以通过国家医保服务平台办理。",
            "城乡居民医保可以通过微信或者支付宝的医保缴费入口缴纳。",
            "医保卡状态异常的话，需要带身份证到医保经办窗口核实。",
            "请问您是职工医保还是城乡居民医保？",
        ),
    ),
    Topic(
        "交通",
        "交通运输",
        ("交通运输局", "公安交警支队"),
        (
            "我要投诉一辆出租车，司机拒载还绕路，态度特别差。",
            "我们这边的公交车经常不按时间发车，一等就是半个多小时。",
            "{addr}路口的红绿灯时间太短了，行人根本过不去。",
        ),
        (
            "车牌号我记下来了，是一辆蓝色的出租车。",
            "早上上班高峰的时候特别严重，好多人都迟到了。",
            "那个路口学生特别多，上下学的时候很危险。",
            "我用手机拍了视频，可以提供给你们。",
        ),
        (
            "出租车的投诉我们会转给交通运输部门调查处理。",
            "请问您乘车的具体时间和上下车地点是哪里？",
            "公交发车间隔的问题我们会反馈给公交公司。",
            "信号灯配时是交警部门负责的，我们会一并转办。",
        ),
    ),
    Topic(
        "教育",
        "教育",
        ("教育局",),
        (
            "我想咨询一下孩子上小学的学区是怎么划分的？",
            "孩子学校要求家长买指定的教辅资料，这个合理吗？",
            "我们小区旁边的幼儿园收费标准是多少，有没有公示？",
        ),
        (
            "我们是去年买的房子，户口刚迁过来。",
            "老师在家长群里说必须买，不买的孩子要单独说明。",
            "一学期下来光资料费就好几百块。",
            "我问了好几个家长，大家都不太清楚具体的政策。",
        ),
        (
            "学区划分每年由教育部门公布，您可以关注教育局官网的招生公告。",
            "学校不得强制学生购买教辅资料，我们会把这个情况转给教育部门核实。",
            "请问是哪所学校，几年级？",
            "幼儿园的收费标准需要在显著位置公示，您可以到园所查看。",
        ),
    ),
    Topic(
        "供水",
        "水电气暖",
        ("自来水公司",),
        (
            "我们小区从昨天开始就停水了，也没有提前通知。",
            "家里的自来水发黄，还有一股怪味，不敢喝。",
            "{addr}那边的水管爆了，路上全是水。",
        ),
        (
            "整栋楼都没有水，做饭洗澡都成问题。",
            "我打了自来水公司的电话，一直说在抢修。",
            "放了好一会儿水还是黄的。",
            "水都流到马路上了，车子过去溅得到处都是。",
        ),
        (
            "停水的情况我们会联系供水公司核实原因和恢复时间。",
            "水质问题我们会请供水部门上门检测。",
            "请问停水的范围是整个小区还是只有您那一栋楼？",
            "爆管属于紧急情况，我们会马上转给供水抢修部门。",
        ),
    ),
    Topic(
        "消费",
        "消费维权",
        ("市场监管局", "消费者协会"),
        (
            "我在{addr}一家健身房办了卡，现在老板跑路了，钱也退不了。",
            "我在超市买的东西过期了，找他们退货他们不给退。",
            "一家培训机构收了我们一万多块钱的学费，现在课也不上了。",
        ),
        (
            "办卡的时候说随时可以退，现在连人都找不到了。",
            "我有购物小票，也拍了照片。",
            "像我这种情况的有好几十个人。",
            "合同上写的是一年的课程，才上了两个月。",
        ),
        (
            "消费纠纷我们会转给市场监管部门进行调解。",
            "请您保留好合同、收据和付款记录这些凭证。",
            "涉及人数比较多的话，也建议您向公安机关报案。",
            "请问商家的名称和具体地址是什么？",
        ),
    ),
    Topic(
        "欠薪",
        "劳动就业",
        ("劳动保障监察大队", "人社局"),
        (
            "我在工地干了半年活，包工头到现在还欠着我们的工资。",
            "公司已经{days}天没发工资了，老板说资金周转不开。",
            "我离职的时候公司不给结最后一个月的工资。",
        ),
        (
            "我们一共有二十多个工人，每个人被欠了两三万。",
            "家里还等着这个钱过年，孩子的学费也要交。",
            "我们去找过老板好几次，每次都说下个月一定给。",
            "我有考勤记录，也有聊天记录可以证明。",
        ),
        (
            "拖欠工资的问题我们会转给劳动保障监察部门处理。",
            "请问用工单位的名称和地址是什么？",
            "建议您保存好考勤记录、工资条这些证据。",
            "农民工欠薪的诉求我们会优先转办。",
        ),
    ),
)

BLANKS = (None, "", "DROP")
"""How a work-order field goes missing: null, blank, or absent ("DROP": the key is removed)."""
OTHER_CATEGORIES = ("其他", "综合类", "城市管理类", "", "咨询", "市政设施")

OPENINGS_STANDARD = (
    "您好，很高兴为您服务，请问有什么可以帮您？",
    "您好，12345政务服务便民热线，很高兴为您服务，请问有什么可以帮您？",
    "您好，{agent_no}号话务员很高兴为您服务，请问有什么可以帮您？",
)
OPENINGS_GARBLED = (
    "您好很高兴您服务请问有什么可以帮您",
    "你好很高兴为你服务有什么可以帮你",
    "您好，很高兴为您服吴，请问有什么可以帮您？",
    "您好很高兴位您服务请问有什么",
)
OPENINGS_NONE = ("喂，你说。", "喂？", "嗯，什么事？", "你讲吧。")

CLOSING_STANDARD = (
    ("agent", "请问还有其他可以帮您的吗？"),
    ("customer", "没有了，谢谢你啊。"),
    ("agent", "不客气，感谢您的来电，祝您生活愉快，再见。"),
)
CLOSING_GARBLED = (
    ("agent", "请问还有其他可以帮你的嘛"),
    ("customer", "没有了。"),
    ("agent", "好的感谢您来电再见"),
)
CLOSING_NONE = (
    ("agent", "行，就这样吧。"),
    ("customer", "那好吧。"),
)

AGENT_GENERIC = (
    "好的，我这边帮您记录一下。",
    "嗯，您说的情况我了解了。",
    "您别着急，慢慢说。",
    "您的心情我非常理解。",
    "请问您的具体地址是哪里？",
    "我跟您核对一下，地址是{addr}，对吗？",
    "您留的联系电话是尾号{last4}的这个号码，对吗？",
    "您留的联系电话尾号是{last4}，对吗？",
    "请问这个情况持续多长时间了？",
    "请问之前有没有反映过这个问题？",
    "请问您贵姓？",
    "我们会在一个工作日内把您的诉求转给{dept}。",
    "处理结果出来以后会有工作人员和您联系。",
    "这边给您登记一个工单，工单号会以短信的形式发送给您。",
    "您反映的情况我已经详细记录了。",
    "我再跟您确认一下您的诉求。",
    "如果后续还有问题，您也可以再拨打12345反映。",
    "这个情况确实给您的生活带来了不便。",
    "您反映的问题我们非常重视。",
    "我先把您反映的几个问题整理一下。",
    "麻烦您把具体的位置再描述一下，方便工作人员现场查找。",
    "您看这样处理可以吗？",
    "我这边查询到的信息和您说的是一致的。",
    "请问您希望相关部门怎么处理？",
    "我们会持续跟进，督促相关部门按时办结。",
    "按照规定，承办单位需要在五个工作日内答复您。",
    "您提供的这些信息对处理很有帮助。",
    "好的，还有其他的情况需要补充吗？",
    "我这边把您的诉求完整地读一遍，您听一下有没有遗漏。",
)
CUSTOMER_GENERIC = (
    "嗯。",
    "对。",
    "是的。",
    "对对对，就是这样。",
    "好的。",
    "我姓{name}。",
    "电话就是这个，{phone}。",
    "地址是{addr}。",
    "这个我之前也打过电话。",
    "那你们大概什么时候能处理？",
    "好的，那麻烦你们了。",
    "那我等你们的消息。",
    "你们一定要帮我们反映一下。",
    "我们这一片的居民都是这个意见。",
    "我白天要上班，只有晚上有时间。",
    "你们处理完了能不能给我回个电话？",
    "我之前在网上也留过言，一直没有回复。",
    "这个事情说大不大，说小也不小。",
    "我就是想要一个说法。",
    "我年纪大了，跑来跑去的实在是跑不动。",
    "其实我也理解你们工作忙。",
    "就是希望能快一点解决。",
    "昨天晚上又是这样。",
    "我可以把照片发给你们吗？",
)
CUSTOMER_COMPLAINTS = (
    "我都打了好几次电话了，一直没人管。",
    "你们到底管不管啊？",
    "这个问题已经拖了{days}天了。",
    "上次说会处理，结果到现在也没有动静。",
    "你们办事效率也太低了吧。",
    "我也不知道该找谁了，只能打你们电话。",
    "我不清楚这个归哪个部门管。",
)
CUSTOMER_ANGRY = (
    "你这什么态度啊？",
    "我要投诉你！",
    "你们就是在推脱责任。",
    "气死我了，到底有没有人管？",
)
AGENT_BANNED = (
    "这个我不知道。",
    "这个我也不知道啊。",
    "具体的我不清楚。",
    "这个政策我不太清楚，",
    "我也不清楚他们什么时候处理。",
)
AGENT_POLITE_NOT_KNOW = (
    "不知道您是否方便留个联系电话？",
    "不知道您是否还有其他需要补充的？",
    "不知道您是否方便提供一下具体位置？",
)
AGENT_BUCK_PASSING = (
    "这个你去找街道办吧。",
    "这事不归我们管，你自己去找物业。",
    "你直接打110吧，我们管不了。",
    "你去找社区问问吧，我们这边处理不了。",
    "这个你去找相关部门吧。",
)
AGENT_RUDE = (
    "你怎么听不懂呢？",
    "我都说了好几遍了。",
    "你烦不烦啊？",
    "爱找谁找谁。",
    "跟你说了也没用。",
    "你别跟我嚷嚷。",
    "你听不懂吗？我说了多少遍了。",
    "你有完没完啊。",
    "你急什么，我这不是在查吗。",
    "你爱投诉就投诉。",
)
AGENT_REPEATS = ("您稍等。", "喂，您好，您能听到吗？")
AGENT_RARE = (
    "您的电话是{phone}，我给您记上了。",
    "您放心，我保证给您解决。",
    "这个肯定没问题，一定能办。",
    "要不您加我微信吧，有事直接找我。",
    "是你楼下邻居投诉的，你们自己协商一下。",
    "你是不是有病啊，打了多少次了。",
    "您看回访的时候给个满意好吗？",
)
CUSTOMER_EMERGENCY = (
    "哎，我闻到楼道里有很大的煤气味，",
    "你们快点，我们楼上好像着火了！",
    "电梯里困了人，有人被困电梯了！",
)
AGENT_EMERGENCY = (
    "请您马上离开现场，不要开关电器，我立即为您转接119。",
    "请您注意安全，我这边马上帮您三方转接。",
    "好的，我记录一下。",
)
OPENERS = ("", "", "", "好的，", "嗯，", "是这样的，", "那个，", "对，", "明白，", "嗯嗯，")
HOLDS = (
    ("请您稍等，我帮您查询一下。", "感谢您的耐心等待，"),
    ("您稍等，请别挂机。", "感谢您的耐心等待，"),
    ("我看一下。", "好了，"),
    ("嗯，我查查。", "是这样，"),
)
CALLBACK_QUESTIONS = (
    "请问您反映的问题现在解决了吗？",
    "请问您对这次的处理结果满意吗？",
    "请问承办单位联系过您吗？",
)
CALLBACK_OPENINGS = (
    "您好，这里是12345热线，对您之前反映的{topic}问题做个回访。",
    "您好，我是12345热线的回访员，想跟您了解一下{topic}问题的处理情况。",
    "喂您好这边是12345热线给您做个回访",
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
DISTRICTS = ("东城区", "西城区", "高新区", "经开区", "南湖区", "北湖区", "滨江区")
STREETS = ("人民路", "解放路", "建设路", "中山路", "文化路", "长江路", "和平街", "胜利街")
COMMUNITIES = ("幸福里小区", "阳光花园", "锦绣家园", "翠湖苑", "金色华庭", "绿城小区")


@dataclass(frozen=True)
class Profile:
    """What happens in one call, drawn once per call."""

    opening: tuple[str, ...]
    closing: tuple[tuple[str, str], ...]
    specials_agent: tuple[str, ...]
    specials_customer: tuple[str, ...]
    complaining: bool
    hold_silence: bool
    interrupt_rate: float
    timed: bool


def _profile(rng: random.Random, stage: str) -> Profile:
    draw = rng.random()
    opening = (
        OPENINGS_STANDARD if draw < 0.72 else OPENINGS_GARBLED if draw < 0.85 else OPENINGS_NONE
    )
    if stage == "callback":
        opening = CALLBACK_OPENINGS
    draw = rng.random()
    closing = CLOSING_STANDARD if draw < 0.75 else CLOSING_GARBLED if draw < 0.85 else CLOSING_NONE
    agent: list[str] = []
    customer: list[str] = []
    _maybe(rng, 0.15, AGENT_BANNED, agent, 2)
    _maybe(rng, 0.35, AGENT_POLITE_NOT_KNOW, agent, 2)
    _maybe(rng, 0.08, AGENT_BUCK_PASSING, agent, 1)
    _maybe(rng, 0.06, AGENT_RUDE, agent, 2)
    _maybe(rng, 0.12, CUSTOMER_ANGRY, customer, 2)
    _maybe(rng, 0.03, AGENT_RARE, agent, 1)
    if rng.random() < 0.08:
        agent.extend([rng.choice(AGENT_REPEATS)] * rng.randint(3, 4))
    if stage == "callback":
        _maybe(rng, 0.8, CALLBACK_QUESTIONS, agent, 1)
    if rng.random() < 0.015:
        customer.append(rng.choice(CUSTOMER_EMERGENCY))
        agent.append(rng.choice(AGENT_EMERGENCY))
    return Profile(
        opening=opening,
        closing=closing,
        specials_agent=tuple(agent),
        specials_customer=tuple(customer),
        complaining=rng.random() < 0.5,
        hold_silence=rng.random() < 0.2,
        interrupt_rate=0.08 if rng.random() < 0.1 else 0.002,
        timed=rng.random() < 0.97,
    )


def _maybe(
    rng: random.Random, chance: float, pool: tuple[str, ...], into: list[str], most: int
) -> None:
    """With probability `chance`, add 1..`most` lines from `pool`."""
    if rng.random() < chance:
        into.extend(rng.choice(pool) for _ in range(rng.randint(1, most)))


def _fill(text: str, values: dict[str, str]) -> str:
    return text.format_map(values) if "{" in text else text


def _values(rng: random.Random, topic: Topic, agent_id: str) -> dict[str, str]:
    """The per-call words that templates refer to."""
    addr = (
        f"{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        f"{rng.choice(COMMUNITIES)}{rng.randint(1, 30)}栋"
    )
    phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
    return {
        "addr": addr,
        "phone": phone,
        "last4": phone[-4:],
        "name": rng.choice(SURNAMES),
        "days": str(rng.randint(2, 40)),
        "dept": topic.departments[0],
        "agent_no": agent_id[1:],
        "topic": topic.name,
    }


def _line(
    rng: random.Random, role: str, topic: Topic, profile: Profile, values: dict[str, str]
) -> str:
    """One fragment of what `role` says in the body of the call."""
    draw = rng.random()
    if role == "agent":
        pool = topic.agent_lines if draw < 0.55 else AGENT_GENERIC
    elif draw < 0.45:
        pool = topic.details
    elif draw < 0.65 and profile.complaining:
        pool = CUSTOMER_COMPLAINTS
    else:
        pool = CUSTOMER_GENERIC
    pick = rng.random
    opener = OPENERS[int(pick() * len(OPENERS))]
    return opener + _fill(pool[int(pick() * len(pool))], values)


def _utterance_text(
    rng: random.Random,
    role: str,
    budget: float,
    first: str,
    context: tuple[Topic, Profile, dict[str, str]],
) -> str:
    """Fragments of `role` (after `first`) until the text is about `budget` characters long;
    a single fragment when the budget is 0."""
    topic, profile, values = context
    if budget <= 0:
        return first or _line(rng, role, topic, profile, values)
    parts = [first] if first else []
    length = len(first)
    while length < budget or not parts:
        part = _line(rng, role, topic, profile, values)
        if parts and part == parts[-1]:
            continue
        parts.append(part)
        length += len(part)
    return "".join(parts)


def _body(
    rng: random.Random,
    count: int,
    chars: int,
    context: tuple[Topic, Profile, dict[str, str]],
) -> list[Utterance]:
    """`count` alternating utterances (agent first) of about `chars` characters in all."""
    profile, values = context[1], context[2]
    agent_slots = list(range(0, count, 2))
    customer_slots = list(range(1, count, 2))
    firsts: dict[int, str] = {}
    for slot, line in zip(
        rng.sample(agent_slots, len(profile.specials_agent)), profile.specials_agent, strict=True
    ):
        firsts[slot] = _fill(line, values)
    for slot, line in zip(
        rng.sample(customer_slots, len(profile.specials_customer)),
        profile.specials_customer,
        strict=True,
    ):
        firsts[slot] = _fill(line, values)
    gaps: dict[int, str] = {}
    if profile.hold_silence and count >= 5:
        hold = rng.randrange(0, count - 3, 2)
        notice, resumed = rng.choice(HOLDS)
        firsts[hold] = notice
        firsts[hold + 1] = "好的。"
        firsts[hold + 2] = resumed
        gaps[hold + 2] = "long"
    body: list[Utterance] = []
    left = chars
    for index in range(count):
        role = "agent" if index % 2 == 0 else "customer"
        budget = left / (count - index) * (0.5 + rng.random())
        if index < count - 1 and rng.random() < 0.15:
            budget = 0  # a short answer: one fragment
        text = _utterance_text(rng, role, budget, firsts.get(index, ""), context)
        left -= len(text)
        gap = gaps.get(index) or ("overlap" if rng.random() < profile.interrupt_rate else "normal")
        body.append((role, text, gap))
    return body


def _transcript(
    rng: random.Random, topic: Topic, profile: Profile, values: dict[str, str]
) -> list[Utterance]:
    """Opening, the citizen's request, the body and the closing."""
    opening = ("agent", _fill(rng.choice(profile.opening), values), "normal")
    request = _fill(rng.choice(topic.problems), values) + _fill(rng.choice(topic.details), values)
    head = [opening, ("customer", request, "normal")]
    tail = [(role, text, "normal") for role, text in profile.closing]
    fixed = sum(len(u[1]) for u in head + tail)
    count = rng.randint(42, 80) - len(head) - len(tail)
    count -= count % 2
    chars = rng.randint(2_050, 2_850) - fixed
    return head + _body(rng, count, chars, (topic, profile, values)) + tail


def _segments(rng: random.Random, utterances: list[Utterance], timed: bool) -> list[dict[str, Any]]:
    """Segment dicts; with timestamps at about 250 characters a minute and small gaps."""
    if not timed:
        return [{"role": role, "text": text} for role, text, _ in utterances]
    rates = {"agent": rng.gauss(265, 35), "customer": rng.gauss(240, 40)}
    if rng.random() < 0.06:
        rates["agent"] = rng.choice((140.0, 380.0))
    segments: list[dict[str, Any]] = []
    start = end = rng.randint(200, 900)
    for index, (role, text, gap) in enumerate(utterances):
        duration = int(len(text) * 60_000 / max(rates[role], 60.0) * rng.uniform(0.85, 1.15)) + 150
        if index:
            start = _next_start(rng, gap, start, end)
        end = max(end, start + duration) if gap == "overlap" else start + duration
        segments.append({"role": role, "text": text, "start_ms": start, "end_ms": start + duration})
    return segments


def _next_start(rng: random.Random, gap: str, start: int, end: int) -> int:
    """When the next utterance starts, given the previous one's start and the latest end."""
    if gap == "long":
        return end + rng.randint(6_000, 28_000)
    if gap == "overlap":
        return max(start + 100, end - rng.randint(300, 1_500))
    if rng.random() < 0.01:
        return end + rng.randint(2_500, 6_000)
    return end + rng.randint(150, 1_200)


def _work_order(
    rng: random.Random, topic: Topic, request: str, ended: datetime, values: dict[str, str]
) -> dict[str, Any]:
    """The work order the agent filled in, with the usual slips."""
    created = ended + timedelta(seconds=rng.randint(-30, 240))
    draw = rng.random()
    dispatched: datetime | None = created + timedelta(minutes=rng.uniform(1, 25))
    if draw < 0.1:
        dispatched = None
    elif draw < 0.22:
        dispatched = created + timedelta(minutes=rng.uniform(35, 600))
    category = topic.category if rng.random() < 0.93 else rng.choice(OTHER_CATEGORIES)
    department = rng.choice(topic.departments)
    if rng.random() < 0.07:
        department = rng.choice(rng.choice(TOPICS).departments)
    order: dict[str, Any] = {
        "order_id": f"WO-{ended:%Y%m%d}-{rng.randrange(10**6):06d}",
        "category": category,
        "department": department,
        "title": f"{topic.name}问题",
        "content": f"市民来电反映：{request[:300]}",
        "citizen_phone": values["phone"],
        "address": values["addr"],
        "created_at": created,
        "dispatched_at": dispatched,
        "urgency": "紧急" if rng.random() < 0.1 else "一般",
    }
    for field in ("content", "citizen_phone", "address", "created_at", "urgency"):
        if rng.random() < 0.05:
            order[field] = rng.choice(BLANKS if field != "created_at" else BLANKS[::2])
    naive = rng.random() < 0.02
    for field in ("created_at", "dispatched_at"):
        value = order[field]
        if isinstance(value, datetime):
            order[field] = (value.replace(tzinfo=None) if naive else value).isoformat()
    return {key: value for key, value in order.items() if value != "DROP"}


def _call(rng: random.Random, seed: int, index: int) -> dict[str, Any]:
    topic = rng.choice(TOPICS)
    draw = rng.random()
    stage = "acceptance" if draw < 0.85 else "callback" if draw < 0.95 else "dispatch"
    profile = _profile(rng, stage)
    agent_index = rng.randrange(len(AGENTS))
    agent_id = AGENTS[agent_index]
    values = _values(rng, topic, agent_id)
    utterances = _transcript(rng, topic, profile, values)
    segments = _segments(rng, utterances, profile.timed)
    started = BASE_DAY + timedelta(days=rng.randrange(28), seconds=rng.randint(8 * 3600, 22 * 3600))
    last_end = max((s.get("end_ms", 0) for s in segments), default=0)
    duration = (
        last_end + rng.randint(300, 2_500) if profile.timed else rng.randint(500_000, 900_000)
    )
    call: dict[str, Any] = {
        "call_id": f"BENCH-{seed}-{index:07d}",
        "agent_id": agent_id,
        "team_id": f"T{agent_index // AGENTS_PER_TEAM + 1:02d}",
        "channel": "voice",
        "stage": stage,
        "started_at": started.isoformat(),
        "duration_ms": duration if rng.random() < 0.95 else None,
        "segments": segments,
        "caller_id": f"1{rng.choice('3578')}{rng.randint(0, 9)}****{rng.randrange(10_000):04d}",
        "hotline": "12345",
    }
    if stage == "dispatch" or rng.random() < 0.85:
        ended = started + timedelta(milliseconds=duration)
        request = utterances[1][1]
        call["work_order"] = _work_order(rng, topic, request, ended, values)
    if rng.random() < 0.6:
        call["survey"] = {"satisfaction": rng.randint(1, 5), "resolved": rng.random() < 0.7}
    return call


def generate_calls(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """`n` synthetic hotline calls, the same for the same seed."""
    rng = random.Random(seed)
    return [_call(rng, seed, index) for index in range(n)]
