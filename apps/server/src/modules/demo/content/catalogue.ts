// The authoring table behind the demo categories and ticket texts. Codes are derived from the
// order (first level '01', second '0101', leaf '010101'), so append new entries at the end of a
// list to keep existing codes stable.
//
// Texts are templates: `{slot}` is filled per ticket (see tickets.ts for the slot list). Voice
// slots ({i}, {we}, {elder}, {child}) read right both in a resident's own words and in an agent's
// third-person record. A case is [issue, feedback result, short outcome, optional area].
import type { TicketType } from '@jiesu/contracts';
import type { SectionSlug } from './org.js';

/** Where a leaf's tickets can happen: any village, rural villages only, mountain only, urban only. */
export type Area = 'any' | 'rural' | 'mountain' | 'urban';
export type UtilityKind = 'water' | 'power' | 'gas' | 'heating';
/** A department key, or the territorial government: the township, or the village committee. */
export type DispatchTarget = 'township' | 'village' | `dept-${string}`;

export type CaseSpec = readonly [
  issue: string,
  result: string,
  outcome: string,
  area?: 'urban' | 'rural',
];

export interface LeafSpec {
  name: string;
  to: DispatchTarget;
  /** Preferred township sections, in order, when the township handles it. */
  sections?: readonly SectionSlug[];
  co?: readonly DispatchTarget[];
  /** [emergency, urgent, normal] shares. */
  urgency: readonly [number, number, number];
  utility?: UtilityKind;
  complex?: boolean;
  area: Area;
  /** Relative frequency of the leaf among tickets. */
  weight: number;
  /** Monthly multipliers, January first. */
  season?: readonly number[];
  /** Reported mostly in the evening and at night (noise). */
  night?: boolean;
  /** A grid worker on patrol can spot it. */
  patrol?: boolean;
  /** Complaints about it are often about the village committee itself. */
  subjectVillage?: boolean;
  types: Partial<Record<TicketType, number>>;
  titles: readonly string[];
  cases: readonly CaseSpec[];
  wants: readonly string[];
  suggests?: readonly string[];
  /** Consultation questions for leaves without a knowledge item. */
  asks?: readonly string[];
}

export interface BranchSpec {
  name: string;
  leaves: readonly LeafSpec[];
}

export interface RootSpec {
  name: string;
  branches: readonly BranchSpec[];
}

const NORMAL = [0, 0.1, 0.9] as const;
const CALM = [0, 0.03, 0.97] as const;
const PLAIN = [0, 0, 1] as const;

const HEATING = [1, 1, 0.6, 0.05, 0, 0, 0, 0, 0, 0.1, 0.9, 1] as const;
const SUMMER = [0.4, 0.4, 0.5, 0.7, 1, 1.5, 1.8, 1.8, 1.2, 0.7, 0.4, 0.4] as const;
const FLOOD = [0.05, 0.05, 0.1, 0.2, 0.5, 1.5, 3, 3, 1, 0.2, 0.05, 0.05] as const;
const FIRE = [1.3, 1.2, 1.6, 1.6, 0.8, 0.3, 0.2, 0.2, 0.4, 1.2, 1.6, 1.4] as const;
const BURNING = [0.5, 0.6, 1.8, 1.8, 0.6, 0.8, 0.3, 0.3, 0.8, 2, 1.8, 0.8] as const;
const SCHOOL = [0.4, 0.6, 1, 1.8, 2, 2, 2.5, 2.2, 1.2, 0.4, 0.3, 0.3] as const;
const WAGES = [2.2, 1.6, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.2, 2.4] as const;
const GROWING = [0.1, 0.1, 0.4, 1, 1.5, 1.8, 1.8, 1.6, 1.2, 0.6, 0.2, 0.1] as const;
const TOURISM = [0.3, 0.4, 0.7, 1.3, 1.6, 1.2, 1.5, 1.5, 1.2, 1.8, 0.8, 0.3] as const;
const DUST = [0.8, 1, 1.8, 1.8, 1.4, 1, 0.7, 0.7, 1, 1.2, 1, 0.8] as const;
const POWER = [1.2, 1, 0.8, 0.7, 0.9, 1.3, 1.6, 1.6, 1, 0.7, 0.9, 1.2] as const;
const GAS = [1.5, 1.3, 1, 0.7, 0.6, 0.6, 0.7, 0.7, 0.7, 0.9, 1.3, 1.6] as const;
const FUNERAL = [1.4, 1.3, 1.5, 1.6, 0.9, 0.8, 0.8, 0.8, 0.9, 0.9, 1, 1.3] as const;
const BOARS = [0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.8, 2.5, 2.5, 1.8, 0.6, 0.3] as const;
const GEOHAZARD = [0.2, 0.2, 0.4, 0.6, 0.8, 1.6, 2.6, 2.6, 1.2, 0.6, 0.3, 0.2] as const;

const URBAN_CONSTRUCTION: RootSpec = {
  name: '城乡建设',
  branches: [
    {
      name: '市政设施',
      leaves: [
        {
          name: '道路破损',
          to: 'dept-urban',
          urgency: [0.02, 0.18, 0.8],
          area: 'any',
          weight: 3,
          patrol: true,
          types: { help: 3, complaint: 2, report: 1, suggestion: 1 },
          titles: ['{loc}道路破损', '{road}路面破损存在安全隐患'],
          cases: [
            [
              '{spot}的路面{since}出现多处坑洼，最大的坑有脸盆大小，下雨后积满了水，电动车、三轮车经过时很容易摔倒。',
              '{fdate}，{unit}组织道路养护单位到{spot}现场查看，对破损路面进行了沥青冷补，共修补坑槽{n}处，施工期间设置了警示锥桶，目前路面已恢复平整。',
              '破损路面已修补平整',
            ],
            [
              '{road}靠近{spot}的一段路面塌陷，约有{n}米长，旁边只用几块砖头围了一下，晚上根本看不清，存在很大安全隐患。',
              '经{unit}核实，塌陷系路基下方管线渗漏所致。{fdate}已会同管线产权单位完成管线修复和路基回填，重新浇筑了路面，并将该路段纳入年度养护计划。',
              '塌陷路段已回填修复',
            ],
            [
              '{spot}往{road}方向的水泥路面开裂翘起，{elder}前几天骑车经过时摔了一跤，这段路已经有好几个人在这里摔过。',
              '{unit}于{fdate}安排人员对开裂翘起的{n}块水泥板进行了破除重铺，养护期间设置了绕行提示，并已电话告知诉求人。',
              '开裂路面已破除重铺',
            ],
          ],
          wants: ['尽快对破损路面进行修补', '先设置警示标志，再尽快安排维修'],
          suggests: ['对这段道路进行整体翻修，并加强日常巡查养护'],
        },
        {
          name: '路灯不亮',
          to: 'dept-urban',
          urgency: NORMAL,
          area: 'any',
          weight: 3,
          patrol: true,
          types: { help: 3, complaint: 2, report: 1, suggestion: 1 },
          titles: ['{loc}路灯不亮', '{spot}路灯损坏'],
          cases: [
            [
              '{spot}一带有{n}盏路灯{since}一直不亮，晚上黑漆漆的，老人孩子出门只能打手电，很不安全。',
              '{fdate}，{unit}安排路灯维护人员到{spot}排查，发现{n}盏路灯灯具老化、一处电缆接头烧损，已更换灯具和接头，当晚恢复照明。',
              '路灯已修复，恢复照明',
            ],
            [
              '{spot}的路灯时亮时灭，白天亮着，晚上反而不亮，怀疑是控制线路出了问题。',
              '经{unit}现场核实，该处路灯因控制箱时控器故障不能正常开关，维护单位已于{fdate}更换时控器，并按季节调整了亮灯时间。',
              '路灯控制器已更换，开关灯恢复正常',
            ],
            [
              '{road}从{spot}往南一段的路灯全部不亮，已经{days}天了，晚上骑车经过，好几个人差点撞到路边的石墩。',
              '{unit}接单后排查发现该段路灯电缆被施工挖断，已责成施工单位于{fdate}完成电缆修复，{n}盏路灯全部恢复照明。',
              '被挖断的电缆已修复，路灯恢复照明',
            ],
          ],
          wants: ['尽快派人维修路灯', '查明线路故障原因，恢复夜间照明'],
          suggests: ['在{spot}增设几盏路灯，方便居民夜间出行'],
        },
        {
          name: '井盖缺失破损',
          to: 'dept-urban',
          urgency: [0.25, 0.45, 0.3],
          area: 'any',
          weight: 2,
          patrol: true,
          types: { help: 2, report: 2, complaint: 1 },
          titles: ['{loc}井盖存在安全隐患', '反映{loc}井盖破损问题'],
          cases: [
            [
              '{spot}路边的一个井盖{since}不见了，只剩一个黑洞，旁边就是孩子们上学走的路，非常危险。',
              '{unit}接单后当日安排人员到{spot}设置临时围挡，经核实该井属雨水管网设施，已于{fdate}补装带防坠网的球墨铸铁井盖。',
              '已补装防坠落井盖',
            ],
            [
              '{spot}的一个雨水井盖裂成两半，塌下去一半，车辆压过去咣当响，担心有人踩空掉下去。',
              '经{unit}核查，破损井盖为通信管道井，已通知产权单位于{fdate}完成更换，并对周边{n}个井盖进行了排查加固。',
              '产权单位已更换破损井盖',
            ],
            [
              '{road}{shop}门口有个井盖松动下沉，比路面低了好几厘米，{date}晚上有骑电动车的人在那里摔倒了。',
              '{fdate}，{unit}组织养护人员对该井盖进行了提升加固，重新铺设了井圈周边路面，井盖与路面已平齐。',
              '下沉井盖已提升加固',
            ],
          ],
          wants: ['立即设置警示，尽快修复井盖', '查明井盖权属单位并尽快处理'],
          suggests: ['对辖区井盖进行一次全面排查，统一更换为防坠落井盖'],
        },
        {
          name: '排水管道堵塞',
          to: 'dept-water',
          urgency: [0.05, 0.35, 0.6],
          area: 'any',
          weight: 2,
          patrol: true,
          types: { help: 3, complaint: 2, report: 1 },
          titles: ['{loc}排水管道堵塞', '{loc}下水道堵塞积水'],
          cases: [
            [
              '{spot}的污水井{since}一直往外冒污水，流得满地都是，臭味很大，{we}出门都得绕着走。',
              '{fdate}，{unit}安排排水养护班组携疏通车到{spot}，对堵塞管段进行高压冲洗，清掏淤泥约{n}立方米，管道已恢复通畅，外溢污水已清理。',
              '管道已疏通，外溢污水已清理',
            ],
            [
              '{home}门前的排水管道堵了，一下雨院子里就积水，最深的时候没过脚踝，屋里也进了水。',
              '经{unit}勘查，该处排水管管径偏小且沉积严重，已于{fdate}完成疏通，并在院外新增一处排水口，下雨时已不再积水。',
              '管道已疏通并新增排水口',
            ],
            [
              '{spot}的排水沟被垃圾和淤泥堵死了，已经{days}天没人清理，一到晚上蚊蝇特别多。',
              '{unit}会同属地村（居）委会于{fdate}对排水沟进行了清掏，清运淤泥和垃圾{n}车，并将该处纳入日常保洁范围。',
              '排水沟已清掏，纳入日常保洁',
            ],
          ],
          wants: ['尽快疏通，解决排水问题', '安排人员尽快清理疏通'],
          suggests: ['在汛期前对排水管网进行一次全面清掏'],
        },
      ],
    },
    {
      name: '物业与房屋',
      leaves: [
        {
          name: '物业服务',
          to: 'township',
          sections: ['community', 'construction'],
          co: ['dept-housing'],
          urgency: [0, 0.08, 0.92],
          area: 'urban',
          weight: 5,
          types: { complaint: 4, help: 2, suggestion: 1 },
          titles: ['{estate}物业服务不到位', '反映{estate}物业问题'],
          cases: [
            [
              '{estate}的物业公司{since}基本不管事，楼道里的垃圾好几天没人清，单元门禁坏了也没人修，找物业多次都说在安排。',
              '{fdate}，{unit}会同社区居委会约谈了{estate}物业公司负责人，要求限期整改。目前楼道垃圾已清运，单元门禁已修复，社区将每周检查物业服务情况。',
              '已约谈物业，楼道保洁和门禁已整改',
            ],
            [
              '{home}所在单元的楼道灯坏了{weeks}周，多次给物业打电话，物业一直推说没有材料，老人晚上上下楼很危险。',
              '经{unit}协调，物业公司已于{fdate}更换{n}盏楼道声控灯，并承诺公共照明报修24小时内处理。',
              '楼道灯已更换',
            ],
            [
              '{estate}物业把地面停车费从每月{n}0元涨了一倍，没有开业主大会，也没有公示收费依据，{we}对此意见很大。',
              '{unit}约谈物业公司后，物业已在小区公示停车收费依据，并承诺在业主大会表决前暂按原标准收费，社区将指导业主依法召开业主大会。',
              '物业已公示收费依据，暂按原标准收费',
            ],
          ],
          wants: ['督促物业公司履行服务合同，尽快整改', '协调物业公司给业主一个明确答复'],
          suggests: ['定期对小区物业服务进行考核，并向业主公开结果'],
        },
        {
          name: '房屋漏水',
          to: 'township',
          sections: ['community', 'construction'],
          co: ['dept-housing'],
          urgency: [0.02, 0.2, 0.78],
          area: 'urban',
          weight: 3,
          types: { help: 3, complaint: 2 },
          titles: ['{loc}房屋漏水', '{estate}住房漏水影响居住'],
          cases: [
            [
              '{home}是顶层，{since}一下雨屋顶就漏水，卧室墙皮大面积脱落，{i}找过物业，一直没有结果。',
              '{fdate}，{unit}组织物业和防水施工单位到{home}查看，确认为屋面防水层老化，已启用公共维修资金对该单元屋面进行防水翻修，室内受损部分由物业协助修补。',
              '屋面防水已翻修',
            ],
            [
              '楼上住户卫生间漏水，{home}的厨房顶棚一直往下滴水，楼上住户不配合检修，已经持续{weeks}周。',
              '{unit}会同社区调解员上门协调，楼上住户同意于{fdate}配合检修，已更换破损的下水管件并重做防水，楼下顶棚由楼上住户负责修复。',
              '经调解楼上已完成维修',
            ],
            [
              '{estate}{bldg}外墙渗水，{since}好几户人家的墙面都发霉了，孩子住着容易生病。',
              '经{unit}协调，物业已于{fdate}对{bldg}外墙渗漏点进行打胶封堵，并将外墙整体防水纳入下一年度维修计划。',
              '外墙渗漏点已封堵',
            ],
          ],
          wants: ['协调物业尽快维修', '督促相关责任方尽快处理漏水问题'],
          suggests: ['对老旧楼房的屋面防水进行一次集中排查维修'],
        },
        {
          name: '电梯故障',
          to: 'dept-market',
          co: ['township'],
          urgency: [0.2, 0.4, 0.4],
          area: 'urban',
          weight: 2,
          types: { help: 2, complaint: 3, report: 1 },
          titles: ['{estate}电梯问题', '{estate}{bldg}电梯存在安全隐患'],
          cases: [
            [
              '{estate}{bldg}的电梯{since}三天两头坏，{date}还发生了困人，楼里有好几位腿脚不好的老人，上下楼非常困难。',
              '{fdate}，{unit}特种设备安全监察人员对该电梯进行了现场检查，责令维保单位更换老化的门机控制板，并对电梯进行全面检测，目前电梯已恢复运行。',
              '已督促维保单位更换部件，电梯恢复运行',
            ],
            [
              '{estate}{bldg}电梯停运{days}天了，物业说在等配件，一直给不出修好的时间，{elder}住在{n}层，完全下不了楼。',
              '经{unit}督促，物业和维保单位已于{fdate}更换曳引机制动器配件，电梯经检测合格后恢复运行，期间物业安排人员帮助行动不便的老人上下楼。',
              '电梯已修复并检测合格',
            ],
            [
              '{estate}的电梯检验合格证已经过期好几个月了，还在继续使用，{i}担心存在安全隐患。',
              '{unit}核查发现该电梯定期检验确已超期，已责令使用单位停用整改，{fdate}完成定期检验并张贴了新的检验合格标志。',
              '电梯已完成定期检验',
            ],
          ],
          wants: ['督促维保单位尽快修好电梯', '对电梯进行全面检查，消除安全隐患'],
          suggests: ['推动老旧电梯更新改造，并公开维保记录'],
        },
        {
          name: '老旧小区改造',
          to: 'dept-housing',
          co: ['township'],
          urgency: CALM,
          complex: true,
          area: 'urban',
          weight: 2,
          types: { consult: 1, suggestion: 2, complaint: 2, help: 1 },
          titles: ['{estate}老旧小区改造问题', '{estate}改造施工问题'],
          cases: [
            [
              '{estate}正在进行老旧小区改造，{since}施工队把楼前的路挖开后就没人管了，{we}进出要踩着泥走，也没有任何告示。',
              '{fdate}，{unit}督促施工单位对{estate}已开挖路段进行临时硬化并设置通行步道，同时在小区公示了施工进度和工期安排。',
              '已临时硬化通道并公示工期',
            ],
            [
              '{estate}外墙保温改造完成后，{home}的窗户周边出现裂缝，一刮风就往屋里灌风。',
              '经{unit}组织施工和监理单位入户查看，确认为窗口收边施工质量问题，已于{fdate}完成返修，并对同单元{n}户进行了排查。',
              '施工质量问题已返修',
            ],
            [
              '{estate}楼龄已有三十多年，管线老化、屋顶漏水，{we}盼着能尽快纳入老旧小区改造计划。',
              '{unit}已将{estate}纳入老旧小区综合整治项目储备库，正在开展现状调查和居民意愿征询，计划明年启动改造，已向诉求人说明。',
              '已纳入改造项目储备库',
            ],
          ],
          wants: ['协调解决小区改造中的问题', '尽快研究解决，给居民一个答复'],
          suggests: ['改造前充分征求居民意见，施工期间及时公示进度'],
        },
      ],
    },
    {
      name: '违法建设',
      leaves: [
        {
          name: '私搭乱建',
          to: 'township',
          sections: ['construction'],
          co: ['dept-enforce', 'dept-planning'],
          urgency: [0, 0.15, 0.85],
          complex: true,
          area: 'any',
          weight: 3,
          patrol: true,
          types: { report: 4, complaint: 2, help: 1 },
          titles: ['{loc}有人私搭乱建', '{spot}违法建设'],
          cases: [
            [
              '{spot}有一户正在院外私自加盖房屋，{since}天天施工，已经盖了{n}间，占用了公共通道。',
              '{fdate}，{unit}会同城管执法部门到现场核查，确认该建筑未取得规划许可，已下达责令停止建设通知书，当事人已自行拆除违建部分，恢复通道通行。',
              '违建已拆除，通道恢复通行',
            ],
            [
              '{estate}{bldg}一楼住户在楼前绿地上搭建了彩钢房，面积二十多平米，影响了其他住户采光和通行。',
              '{unit}与社区、城管执法队于{fdate}联合入户做工作，当事人同意自行拆除彩钢房，绿地已恢复原貌。',
              '彩钢房已拆除，绿地已恢复',
              'urban',
            ],
            [
              '{home}旁边有人趁夜里偷偷打地基，听说是要盖房出租，这块地是耕地，{i}担心被占用。',
              '经{unit}核查，该处为永久基本农田，当事人未经审批擅自建设，已于{fdate}依法拆除地基并恢复耕种条件，同时开展了辖区违法占地排查。',
              '违法占地已拆除，恢复耕种条件',
              'rural',
            ],
          ],
          wants: ['依法制止违法建设并拆除', '尽快到现场核实处理'],
          suggests: ['加强对违法建设的日常巡查，发现一起拆除一起'],
        },
        {
          name: '占用公共空间',
          to: 'township',
          sections: ['construction'],
          co: ['dept-enforce'],
          urgency: NORMAL,
          area: 'any',
          weight: 3,
          patrol: true,
          types: { complaint: 3, report: 2, help: 1 },
          titles: ['{loc}占用公共空间', '{loc}公共区域被占用'],
          cases: [
            [
              '{road}{shop}等几家店铺长期占道经营，货物一直摆到马路上，早晚高峰行人只能走机动车道。',
              '{fdate}，{unit}会同城管执法队对{road}沿街商户开展整治，清理占道物品{n}处，对相关商户进行了教育并签订门前三包责任书。',
              '占道物品已清理，商户签订门前三包责任书',
              'urban',
            ],
            [
              '{spot}有人长期堆放砖头、沙子和废旧木料，占了半条路，车辆会车很困难，晚上还容易绊倒人。',
              '{unit}联系堆放物主人，于{fdate}将堆放的砂石和木料全部清走，并在该处设置了禁止堆放的提示牌。',
              '堆放物已清理',
            ],
            [
              '{estate}{bldg}前的公共绿地被几户居民圈起来种菜，还搭了架子，绿地都被毁了。',
              '{unit}会同社区于{fdate}入户做工作，居民已自行清理菜地和架子，物业已重新补种草坪。',
              '圈占绿地已清理并补种',
              'urban',
            ],
          ],
          wants: ['依法清理，恢复公共空间', '督促当事人尽快清理'],
          suggests: ['加强沿街商户管理，划定临时便民摊点'],
        },
      ],
    },
    {
      name: '水电气热',
      leaves: [
        {
          name: '停水',
          to: 'dept-water',
          urgency: [0.1, 0.6, 0.3],
          utility: 'water',
          area: 'any',
          weight: 4,
          season: SUMMER,
          types: { help: 5, complaint: 3, consult: 1 },
          titles: ['{loc}供水问题', '反映{loc}供水问题'],
          cases: [
            [
              '{loc}从{today}开始突然停水，事先没有接到任何通知，已经好几个小时了，家里做饭、上厕所都成问题。',
              '经{unit}核实，因{road}供水主管道爆裂抢修导致该区域停水，抢修已于{fdate}当晚完成，供水已恢复，抢修期间安排送水车送水{n}车次。',
              '供水管道已抢修完毕，恢复供水',
            ],
            [
              '{v}的自来水{since}每天只能来一两个小时，水压很低，住在高处的几户人家根本上不来水。',
              '{unit}会同{twp}对{v}供水设施进行排查，发现蓄水池进水管道堵塞、水泵老化，已于{fdate}疏通管道并更换水泵，目前全天正常供水。',
              '已更换水泵，恢复全天供水',
              'rural',
            ],
            [
              '{home}的水表前阀门漏水，一直往外滋水，自己关不上，需要有人来处理。',
              '{unit}接单后安排供水维修人员于{fdate}上门，更换了漏水的表前阀门，已恢复正常用水。',
              '表前阀门已更换',
            ],
          ],
          wants: ['尽快派人处理，保障正常用水', '查明原因，尽快解决用水问题'],
          suggests: ['计划停水时提前在小区和村里张贴通知'],
        },
        {
          name: '停电',
          to: 'dept-urban',
          urgency: [0.1, 0.6, 0.3],
          utility: 'power',
          area: 'any',
          weight: 3,
          season: POWER,
          types: { help: 5, complaint: 3 },
          titles: ['{loc}供电问题', '反映{loc}用电问题'],
          cases: [
            [
              '{loc}从{today}开始停电，到现在还没来电，家里冰箱里的东西都快坏了，也没人通知什么时候恢复。',
              '经{unit}协调供电公司核实，停电系{road}一段10千伏线路故障所致，抢修人员已于{fdate}修复线路，该区域恢复供电。',
              '故障线路已修复，恢复供电',
            ],
            [
              '{v}{since}经常停电，有时候一天停好几次，{elder}在家用制氧机，停电对老人影响很大。',
              '{unit}协调供电公司对{v}台区进行了排查，发现变压器负荷过大，已于{fdate}完成变压器增容改造，并对该户进行了重点保障登记。',
              '变压器已增容，停电问题已解决',
            ],
            [
              '{home}家里电压不稳，一到晚上灯就一闪一闪的，空调都启动不了，邻居家也有类似情况。',
              '{fdate}，供电公司在{unit}协调下到现场检测，确认为低压线路线径过细导致末端电压偏低，已更换低压线路，电压恢复正常。',
              '低压线路已更换，电压恢复正常',
            ],
          ],
          wants: ['尽快协调供电部门处理', '查明原因，彻底解决用电问题'],
          suggests: ['对老旧供电线路进行改造升级'],
        },
        {
          name: '燃气供应',
          to: 'dept-urban',
          urgency: [0.1, 0.5, 0.4],
          utility: 'gas',
          area: 'any',
          weight: 2,
          season: GAS,
          types: { help: 3, complaint: 3, consult: 1 },
          titles: ['{loc}燃气供应问题', '{loc}用气问题'],
          cases: [
            [
              '{loc}从{today}开始停气，燃气公司的电话一直打不通，家里没法做饭。',
              '经{unit}协调燃气公司核实，停气系调压箱故障，抢修人员已于{fdate}完成维修并恢复供气，燃气公司已对服务热线接听情况进行整改。',
              '调压设备已维修，恢复供气',
            ],
            [
              '{home}的燃气表{since}显示余额不足却充不进去钱，营业厅说要等系统处理，已经{days}天没法做饭了。',
              '{unit}督促燃气公司于{fdate}派人上门更换了故障的IC卡表，已恢复正常充值和用气。',
              '燃气表已更换，恢复正常用气',
            ],
            [
              '{v}煤改气工程完工一年多了，{home}的燃气壁挂炉还没通气，冬天只能靠电暖气取暖。',
              '经{unit}核查，该户因入户管道验收未通过未能通气，燃气公司已于{fdate}完成整改验收并通气点火。',
              '已完成验收并通气',
              'rural',
            ],
          ],
          wants: ['督促燃气公司尽快解决', '尽快安排人员上门处理'],
          suggests: ['燃气公司应公布24小时抢修电话并保证畅通'],
        },
        {
          name: '供暖不热',
          to: 'dept-urban',
          urgency: [0.02, 0.55, 0.43],
          utility: 'heating',
          area: 'any',
          weight: 6,
          season: HEATING,
          types: { complaint: 4, help: 4, consult: 1 },
          titles: ['{loc}暖气不热', '{loc}供暖温度不达标'],
          cases: [
            [
              '{home}{since}暖气一直不热，室温只有十四五度，家里有老人和孩子，晚上冻得睡不着觉。',
              '{fdate}，{unit}督促供热单位到{home}入户测温，室温确未达标，经排查为户内管道气堵，已进行排气和管道冲洗，复测室温已达到20℃以上。',
              '已排气冲洗，室温达标',
              'urban',
            ],
            [
              '{estate}整个{bldg}的暖气都不热，问了邻居都一样，供热公司说管网压力不够，一直没有解决。',
              '经{unit}协调，供热单位对{estate}换热站进行检修，更换了循环泵并调整管网平衡，{fdate}起{bldg}室温已恢复正常。',
              '换热站已检修，室温恢复正常',
              'urban',
            ],
            [
              '{v}实行煤改电后，{home}的空气源热泵{since}频繁报故障，屋里温度上不去，厂家售后一直不来人。',
              '{unit}督促设备厂家于{fdate}上门维修，更换了热泵压缩机电容，设备已正常运行，并对村内同型号设备开展了巡检。',
              '热泵已维修，恢复正常运行',
              'rural',
            ],
          ],
          wants: ['督促供热单位尽快解决，保证室温达标', '尽快派人入户检修'],
          suggests: ['供暖季前对管网和换热站进行全面检修试压'],
        },
        {
          name: '水质水压',
          to: 'dept-water',
          urgency: [0.02, 0.4, 0.58],
          utility: 'water',
          area: 'any',
          weight: 2,
          types: { complaint: 3, help: 3, report: 1 },
          titles: ['{loc}自来水水质水压问题', '反映{loc}自来水问题'],
          cases: [
            [
              '{loc}的自来水{since}发黄发浑，放一会儿才能变清，烧开后壶底有很多水垢，{we}担心影响健康。',
              '{unit}于{fdate}对该区域管网末梢水进行了采样检测，并对管网进行冲洗排放，复检水质各项指标均符合标准，已将检测结果告知诉求人。',
              '管网已冲洗，复检水质合格',
            ],
            [
              '{home}{since}每天早晚用水高峰时水压很低，热水器都打不着火。',
              '经{unit}核实，该小区二次供水设备变频泵故障，已于{fdate}更换变频控制器，高峰时段水压恢复正常。',
              '二次供水设备已维修，水压恢复正常',
              'urban',
            ],
            [
              '{v}的自来水有一股怪味，{we}怀疑水源井周边有污染，现在都不敢直接喝。',
              '{unit}会同卫生监督部门于{fdate}对{v}水源井进行采样检测，并对井口周边环境进行了清理和封闭防护，检测结果合格，已在村内公示。',
              '水源井已检测合格并加强防护',
              'rural',
            ],
          ],
          wants: ['尽快检测水质并处理', '查明原因，恢复正常水压'],
          suggests: ['定期公布自来水水质检测结果'],
        },
      ],
    },
  ],
};

const ENVIRONMENT: RootSpec = {
  name: '环境保护',
  branches: [
    {
      name: '噪声污染',
      leaves: [
        {
          name: '施工噪声',
          to: 'dept-enforce',
          co: ['dept-eco'],
          urgency: [0, 0.35, 0.65],
          area: 'any',
          weight: 4,
          night: true,
          types: { complaint: 6, report: 2 },
          titles: ['{loc}施工噪音扰民', '反映{loc}施工噪声问题'],
          cases: [
            [
              '{site}{since}每天晚上施工到{clock}，打桩机和渣土车的声音特别大，周边居民根本没法休息。',
              '{fdate}，{unit}执法人员夜间到{site}检查，发现其未办理夜间施工证明，已依法立案处罚，并责令其22时后停止高噪声作业。',
              '已立案处罚，夜间高噪声作业已停止',
            ],
            [
              '{spot}附近有一个工地，早上不到6点就开始用电锯、电镐，周末也不停，{we}已经忍了{weeks}周了。',
              '经{unit}核查，该工地存在早间提前施工问题，已约谈施工单位负责人，要求严格执行作业时间并设置隔音围挡，{fdate}回访时未再发现违规施工。',
              '已约谈施工单位，严格执行作业时间',
            ],
            [
              '{estate}{bldg}有住户装修，{since}中午和晚上也在砸墙打孔，物业管不了。',
              '{unit}会同物业于{fdate}上门，要求装修户遵守装修管理规约，限定施工时间为工作日8时至12时、14时至18时，装修户已签署承诺。',
              '装修户已承诺按规定时间施工',
              'urban',
            ],
          ],
          wants: ['立即制止违规施工', '依法查处，限定施工时间'],
          suggests: ['在工地周边设置噪声监测屏并公开数据'],
        },
        {
          name: '商业噪声',
          to: 'dept-enforce',
          urgency: [0, 0.25, 0.75],
          area: 'urban',
          weight: 2,
          night: true,
          types: { complaint: 5, report: 2 },
          titles: ['{loc}商业噪音扰民', '{road}商户噪声扰民'],
          cases: [
            [
              '{road}的{restaurant}每天营业到凌晨，门口排风机和顾客喧哗声特别大，{home}就在楼上，{since}一直睡不好。',
              '{fdate}，{unit}执法人员到{restaurant}检查，责令其将排风机移位并加装消声装置，要求23时后不得在室外接待顾客，商户已整改。',
              '商户已加装消声装置并调整营业方式',
            ],
            [
              '{road}上的{shop}天天用大喇叭循环播放促销广告，从早上8点放到晚上9点，周边居民不堪其扰。',
              '{unit}于{fdate}对{shop}进行了现场检查，依据噪声污染防治相关规定责令其停止使用高音喇叭招揽顾客，商户已撤除喇叭。',
              '高音喇叭已撤除',
            ],
            [
              '{spot}新开了一家KTV，{clock}还能听到唱歌的声音，窗户关上都挡不住。',
              '{unit}会同生态环境部门于{fdate}夜间对该KTV进行噪声监测，边界噪声超标，已责令其限期加装隔音设施，复测已达标。',
              '已加装隔音设施，复测达标',
            ],
          ],
          wants: ['督促商户整改，停止噪声扰民', '依法查处噪声超标的商户'],
          suggests: ['对沿街商户外放音响进行常态化管理'],
        },
        {
          name: '生活噪声',
          to: 'village',
          sections: ['safety'],
          urgency: PLAIN,
          area: 'any',
          weight: 2,
          night: true,
          types: { complaint: 4, help: 2, suggestion: 1 },
          titles: ['{loc}噪音扰民', '反映{loc}生活噪声问题'],
          cases: [
            [
              '{spot}每天晚上都有人跳广场舞，音响开得特别大，一直跳到晚上9点多，{elder}身体不好，每天都被吵得心慌。',
              '{unit}组织干部与广场舞队负责人沟通，于{fdate}达成约定：音量控制在规定范围内，活动时间调整为19时至20时30分，并改用定向音箱。',
              '已与舞队约定音量和活动时间',
            ],
            [
              '{home}楼上住户每天深夜拖动家具、走路咚咚响，{since}一直这样，沟通过几次没有用。',
              '{unit}调解员于{fdate}分别上门与双方沟通，楼上住户同意在家具脚加装静音垫、夜间10点后注意控制声音，双方已达成和解。',
              '经调解双方达成和解',
              'urban',
            ],
            [
              '{v}有户人家养了好几条狗，每天夜里一直叫，整条街都睡不好觉，说了也不管。',
              '{unit}于{fdate}上门对养犬户进行劝导，养犬户已将狗圈到后院并承诺夜间加强看管，村委会将持续关注。',
              '养犬户已加强看管',
              'rural',
            ],
          ],
          wants: ['协调解决噪音问题', '做做工作，别再影响大家休息'],
          suggests: ['为广场舞等群众活动规划固定的场地和时间'],
        },
      ],
    },
    {
      name: '大气污染',
      leaves: [
        {
          name: '露天焚烧',
          to: 'township',
          sections: ['construction'],
          co: ['dept-eco'],
          urgency: [0.1, 0.4, 0.5],
          area: 'rural',
          weight: 2,
          season: BURNING,
          patrol: true,
          types: { report: 5, complaint: 2 },
          titles: ['{loc}露天焚烧', '{loc}有人焚烧污染空气'],
          cases: [
            [
              '{spot}的地里有人在焚烧秸秆，浓烟很大，风一刮整个村子都是烟味，{since}已经烧了好几回了。',
              '{unit}接单后立即组织村干部到场将明火扑灭，于{fdate}对当事人进行了批评教育，并在全村开展禁烧宣传，安排网格员加强巡查。',
              '明火已扑灭，开展禁烧宣传和巡查',
            ],
            [
              '{spot}附近有人经常在晚上焚烧垃圾和废旧轮胎，气味刺鼻，{we}晚上不敢开窗。',
              '经{unit}核查，系附近废品收购点焚烧废料，已于{fdate}会同生态环境部门依法查处，清理了焚烧残渣，并责令其停止焚烧行为。',
              '已依法查处，焚烧行为已停止',
            ],
            [
              '{v}村口的垃圾堆经常有人点火烧，火星乱飞，旁边就是柴火垛，很容易引发火灾。',
              '{unit}于{fdate}组织清运了村口堆积的垃圾，在原址设置了垃圾分类收集点，并安排保洁员每日巡查。',
              '垃圾已清运，设置了收集点',
            ],
          ],
          wants: ['立即制止焚烧行为', '加强巡查，杜绝露天焚烧'],
          suggests: ['推广秸秆还田和回收利用，减少焚烧'],
        },
        {
          name: '餐饮油烟',
          to: 'dept-enforce',
          urgency: NORMAL,
          area: 'urban',
          weight: 2,
          types: { complaint: 5, report: 2 },
          titles: ['{restaurant}油烟扰民', '{road}餐馆油烟直排'],
          cases: [
            [
              '{home}楼下的{restaurant}油烟直接往外排，没有装净化器，{since}窗户都不敢开，衣服晾出去全是油烟味。',
              '{fdate}，{unit}对{restaurant}进行检查，发现其未安装油烟净化设施，已责令限期整改，目前该店已安装油烟净化器并将排烟口改至楼顶。',
              '已安装油烟净化器，排烟口改至楼顶',
            ],
            [
              '{road}的{restaurant}在店门口支起烤炉露天烧烤，烟熏火燎，路过的人都呛得咳嗽。',
              '{unit}执法人员于{fdate}对该店露天烧烤行为进行查处，暂扣烧烤炉具，商户已承诺不再露天烧烤。',
              '露天烧烤已取缔',
            ],
            [
              '{estate}底商的{restaurant}把油烟管道接在居民楼的烟道上，楼上几户人家厨房里都是油烟味。',
              '经{unit}会同住建部门核查，该店擅自占用住宅烟道排放油烟，已责令其拆除，重新设置独立排烟管道，{fdate}完成整改。',
              '已拆除违规排烟管道',
            ],
          ],
          wants: ['督促餐馆整改油烟问题', '依法查处油烟扰民'],
          suggests: ['对居民楼底商餐饮油烟进行集中整治'],
        },
        {
          name: '工地扬尘',
          to: 'dept-housing',
          co: ['dept-eco'],
          urgency: [0, 0.2, 0.8],
          area: 'any',
          weight: 2,
          season: DUST,
          patrol: true,
          types: { complaint: 4, report: 3 },
          titles: ['{loc}扬尘污染严重', '反映{loc}扬尘问题'],
          cases: [
            [
              '{site}的裸土没有苫盖，一刮风尘土漫天，{home}的窗台上每天一层土。',
              '{fdate}，{unit}对{site}进行检查，责令其对裸土全部苫盖、增加雾炮和洒水频次，并在出入口安装车辆冲洗设备，已整改到位。',
              '裸土已苫盖，增加了降尘措施',
            ],
            [
              '{road}上的渣土车{since}天天夜里跑，沿路遗撒泥土，白天车一过尘土飞扬。',
              '{unit}会同交通、城管执法部门于{fdate}开展渣土车夜查，查处遗撒车辆{n}辆，并督促道路保洁单位加强冲洗。',
              '已查处遗撒车辆，加强道路清扫',
            ],
            [
              '{spot}旁边一个拆迁工地拆房子不洒水，灰尘特别大，附近学校的孩子都受影响。',
              '经{unit}核查，该拆除工地未落实湿法作业，已于{fdate}责令停工整改，配齐喷淋设施后方准复工。',
              '已责令停工整改，落实湿法作业',
            ],
          ],
          wants: ['督促工地落实降尘措施', '依法查处扬尘污染'],
          suggests: ['在工地出入口安装视频监控，加强扬尘监管'],
        },
      ],
    },
    {
      name: '环境卫生',
      leaves: [
        {
          name: '垃圾清运不及时',
          to: 'village',
          sections: ['construction'],
          urgency: [0, 0.15, 0.85],
          area: 'any',
          weight: 4,
          season: SUMMER,
          patrol: true,
          types: { complaint: 4, help: 3, report: 1, suggestion: 1 },
          titles: ['{loc}垃圾清运不及时', '{spot}垃圾堆积'],
          cases: [
            [
              '{spot}的垃圾桶{since}没人清运，垃圾都满出来堆在地上，天一热就发臭，招了很多苍蝇。',
              '{unit}于{fdate}组织保洁人员将堆积垃圾全部清运，并与清运公司明确该点位每日清运一次，由网格员每日巡查。',
              '堆积垃圾已清运，明确每日清运',
            ],
            [
              '{v}{since}一直没有垃圾车来收，大家只好把垃圾堆在路边，越堆越多。',
              '经{unit}核实，因清运车辆故障导致{v}漏收，已协调备用车辆于{fdate}完成清运，并增配了{n}个垃圾桶。',
              '已恢复清运并增配垃圾桶',
            ],
            [
              '{estate}的垃圾站周边污水横流，垃圾桶破损也不更换，气味很难闻。',
              '{unit}督促物业于{fdate}对垃圾站进行冲洗消毒，更换破损垃圾桶{n}个，并增加了每日保洁频次。',
              '垃圾站已冲洗消毒，破损垃圾桶已更换',
              'urban',
            ],
          ],
          wants: ['尽快清运垃圾', '督促保洁单位按时清运'],
          suggests: ['在{loc}增设垃圾桶，并固定清运时间'],
        },
        {
          name: '垃圾分类',
          to: 'dept-urban',
          co: ['township'],
          urgency: PLAIN,
          area: 'any',
          weight: 1.5,
          types: { consult: 2, suggestion: 3, complaint: 2 },
          titles: ['{loc}垃圾分类问题', '反映{loc}垃圾分类设施和管理问题'],
          cases: [
            [
              '{loc}的居民都按要求分类投放了，但是{since}发现清运车来了把厨余垃圾和其他垃圾倒在一起拉走，分了也白分。',
              '{unit}于{fdate}对该点位清运环节进行了跟车检查，确认清运车存在混装问题，已对清运公司进行约谈和考核扣分，并要求分类车辆专车专运。',
              '已约谈清运公司，落实分类运输',
            ],
            [
              '{loc}的垃圾分类桶站只有早晚各开两个小时，上班族根本赶不上，只能把垃圾放在桶站外面。',
              '经{unit}协调，{loc}已于{fdate}起增设一处全天开放的投放点，并安排桶前值守志愿者指导投放。',
              '已增设全天开放的投放点',
              'urban',
            ],
            [
              '{v}发的分类垃圾桶坏了好几个，村民也不太清楚怎么分，宣传不到位。',
              '{unit}于{fdate}为{v}补发分类垃圾桶{n}组，组织志愿者入户开展垃圾分类宣传，发放了宣传册。',
              '已补发垃圾桶并开展入户宣传',
              'rural',
            ],
          ],
          wants: ['督促清运单位分类运输', '加强垃圾分类宣传和指导'],
          suggests: ['延长垃圾分类桶站的开放时间，方便上班族投放'],
        },
        {
          name: '公厕管理',
          to: 'dept-urban',
          urgency: NORMAL,
          area: 'any',
          weight: 1.5,
          patrol: true,
          types: { complaint: 4, help: 2, suggestion: 1 },
          titles: ['{loc}公厕管理问题', '{loc}公共厕所问题'],
          cases: [
            [
              '{spot}的公共厕所{since}没人打扫，地面积水，臭气熏天，洗手池也没有水。',
              '{unit}于{fdate}督促环卫作业单位对该公厕进行彻底清洗消毒，修复了洗手池供水，并将保洁频次增加到每日三次。',
              '公厕已清洗消毒，保洁频次增加',
            ],
            [
              '{spot}的公厕{since}锁着门不开放，附近摆摊的、遛弯的人上厕所很不方便。',
              '经{unit}核实，该公厕因化粪池清掏暂停开放，已于{fdate}完成清掏并恢复开放，在门口公示了开放时间。',
              '公厕已恢复开放',
            ],
            [
              '{v}的旱厕改造后冲水设备坏了，{since}一直没人修，又变回了臭厕所。',
              '{unit}于{fdate}联系维修人员更换了冲水设备和进水阀门，并明确由村保洁员负责日常维护。',
              '冲水设备已更换',
              'rural',
            ],
          ],
          wants: ['督促加强公厕管理', '尽快整改，方便群众如厕'],
          suggests: ['在{loc}增设一处公共厕所'],
        },
        {
          name: '河道沟渠污染',
          to: 'dept-water',
          co: ['dept-eco', 'township'],
          urgency: [0.02, 0.25, 0.73],
          area: 'any',
          weight: 2,
          season: SUMMER,
          patrol: true,
          types: { report: 4, complaint: 3, help: 1 },
          titles: ['{loc}河道沟渠污染', '{loc}水体污染问题'],
          cases: [
            [
              '{v}边上的河沟里{since}漂满了垃圾和塑料袋，水都发黑了，夏天臭得厉害。',
              '{unit}会同河长办于{fdate}组织人员对该段河道进行清理，打捞垃圾和漂浮物约{n}吨，并将该段纳入河道日常保洁。',
              '河道垃圾已打捞清理',
            ],
            [
              '{spot}附近有个养殖场，把粪污直接排进河沟，整条沟的水都是浑的，气味很大。',
              '经{unit}会同生态环境部门于{fdate}现场核查，该养殖场确有直排行为，已依法立案查处，责令其建设粪污收集池，排口已封堵。',
              '已立案查处，排污口已封堵',
              'rural',
            ],
            [
              '{road}边的排洪沟里有一根管子一直往外流白色的污水，怀疑是附近的洗车店排的。',
              '{unit}沿管线排查，确认为附近洗车店私接雨水管道排放洗车废水，已于{fdate}责令其拆除私接管道并接入污水管网。',
              '私接管道已拆除',
              'urban',
            ],
          ],
          wants: ['尽快清理河道，查处排污行为', '查明污染来源并依法处理'],
          suggests: ['在河道沿线设置护栏和警示牌，落实河长巡河'],
        },
      ],
    },
  ],
};

const TRANSPORT: RootSpec = {
  name: '交通运输',
  branches: [
    {
      name: '道路交通',
      leaves: [
        {
          name: '违章停车',
          to: 'dept-police',
          urgency: [0.02, 0.2, 0.78],
          area: 'urban',
          weight: 3,
          types: { complaint: 4, report: 3, help: 1, suggestion: 1 },
          titles: ['{loc}违章停车', '{loc}车辆乱停乱放'],
          cases: [
            [
              '{estate}南门外{since}每天都有车辆停在出入口上，早上居民开车出不去，救护车也进不来。',
              '{unit}交通民警于{fdate}对{estate}门口违停车辆进行了贴单处罚，并在出入口施划禁停标线、设置禁停标志。',
              '已处罚违停车辆，施划禁停标线',
            ],
            [
              '{road}靠近{school}的路段，接送孩子的车辆乱停乱放，占了整条车道，每天上学放学都堵得水泄不通。',
              '经{unit}核实，已于{fdate}起在上下学时段安排警力和交通协管员在{school}周边疏导，并协调学校错峰放学。',
              '已安排警力疏导，协调错峰放学',
            ],
            [
              '{spot}有一辆车停了{weeks}周没动过，落满了灰，像是僵尸车，占着车位还挡着路。',
              '{unit}于{fdate}张贴限期挪车告知书并联系车主，车主已将车辆挪走。',
              '长期停放车辆已挪走',
            ],
          ],
          wants: ['加强巡查，处罚违停车辆', '尽快整治乱停车问题'],
          suggests: ['在{road}增设临时停车泊位，缓解停车难'],
        },
        {
          name: '交通信号与标志',
          to: 'dept-police',
          co: ['dept-transport'],
          urgency: [0.05, 0.3, 0.65],
          area: 'any',
          weight: 2,
          types: { help: 2, suggestion: 3, complaint: 1 },
          titles: ['{road}交通设施问题', '反映{road}交通信号和标志问题'],
          cases: [
            [
              '{road}与{road2}交叉口的红绿灯{since}一直黄灯闪烁，路口车辆抢行，差点发生事故。',
              '{unit}于{fdate}安排信号设施维护人员检修，更换了故障的信号控制机，路口信号灯已恢复正常运行。',
              '信号灯已修复',
            ],
            [
              '{road}靠近{school}的路口没有红绿灯和斑马线，孩子们过马路时车辆也不减速，非常危险。',
              '经{unit}会同交通部门现场勘查，已于{fdate}在该路口施划人行横道线，设置减速带和注意儿童标志，并将增设信号灯纳入年度计划。',
              '已施划人行横道并设置警示标志',
            ],
            [
              '{road}上的限速标志被树枝挡住了，很多外地司机看不到，经常被拍超速。',
              '{unit}协调园林部门于{fdate}修剪了遮挡标志的树枝，并对该路段标志标线进行了全面检查。',
              '遮挡标志的树枝已修剪',
            ],
          ],
          wants: ['尽快完善交通设施', '尽快派人检查处理'],
          suggests: ['在{road}与{road2}交叉口增设信号灯和人行横道'],
        },
        {
          name: '农村公路安全设施',
          to: 'dept-transport',
          co: ['township'],
          urgency: [0.05, 0.3, 0.65],
          area: 'rural',
          weight: 2,
          patrol: true,
          types: { help: 3, suggestion: 2, report: 1 },
          titles: ['{v}公路安全隐患', '{v}村道安全设施问题'],
          cases: [
            [
              '{v}通往{twp}的公路有一段急弯，一边是沟，没有护栏也没有警示牌，晚上开车非常危险。',
              '{unit}于{fdate}在该急弯路段安装波形护栏{n}0米，设置急弯警示标志和凸面镜各一处。',
              '已安装护栏、警示标志和凸面镜',
            ],
            [
              '{spot}的村道上减速带被压坏了，只剩几个铁钉露在外面，车辆经过容易扎胎。',
              '经{unit}核实，已于{fdate}拆除损坏的减速带并重新安装，清理了裸露的铁钉。',
              '减速带已重新安装',
            ],
            [
              '{v}村口的公路边有棵大树倒伏压在路上，{since}只清了一半，大车过不去。',
              '{unit}接单后协调公路养护部门于{fdate}将倒伏树木全部清理，恢复道路通行。',
              '倒伏树木已清理，道路恢复通行',
            ],
          ],
          wants: ['尽快完善道路安全设施', '尽快清理，保障通行安全'],
          suggests: ['对山区公路急弯陡坡路段开展一次安全隐患排查'],
        },
      ],
    },
    {
      name: '公共交通',
      leaves: [
        {
          name: '公交线路与班次',
          to: 'dept-transport',
          urgency: PLAIN,
          area: 'any',
          weight: 2,
          types: { suggestion: 4, complaint: 2, consult: 2 },
          titles: ['关于{bus}线路和班次的诉求', '{bus}班次线路问题'],
          cases: [
            [
              '{bus}{since}发车间隔越来越长，早高峰在{station}等了四十多分钟都没来车，上班经常迟到。',
              '经{unit}协调公交运营企业核实，该线路因车辆检修导致发车间隔拉长，已于{fdate}补充运力{n}部，早高峰间隔恢复至15分钟以内。',
              '已补充运力，早高峰间隔缩短',
            ],
            [
              '{v}只有一趟公交车，末班车下午4点就没了，在城里上班的年轻人晚上回不来。',
              '{unit}经客流调查，已于{fdate}起将{bus}末班车延后至19时，并在周末增开往返班次。',
              '末班车已延后至19时',
              'rural',
            ],
            [
              '{bus}改线后不再经过{station}，附近很多老人去医院要走很远才能坐上车。',
              '{unit}经调研，已协调运营企业于{fdate}在{station}附近增设停靠站点，方便老年乘客出行。',
              '已在原站附近增设停靠站',
            ],
          ],
          wants: ['优化线路和班次，方便群众出行', '增加班次，满足出行需求'],
          suggests: ['开通从{v}直达{hospital}的公交线路', '延长{bus}的末班车时间'],
        },
        {
          name: '公交站台设施',
          to: 'dept-transport',
          urgency: NORMAL,
          area: 'any',
          weight: 1,
          patrol: true,
          types: { help: 2, suggestion: 2, complaint: 1 },
          titles: ['{station}站台设施问题', '{station}候车设施问题'],
          cases: [
            [
              '{station}的候车亭顶棚破了个大洞，下雨时候车的人只能淋着，座椅也坏了。',
              '{unit}于{fdate}安排维护人员更换了候车亭顶棚和座椅，站台已恢复正常使用。',
              '候车亭已修复',
            ],
            [
              '{station}的站牌被撞歪了，上面的线路信息也看不清楚，外地人经常坐错车。',
              '{unit}于{fdate}重新安装了站牌，并更新了途经线路和首末班时间信息。',
              '站牌已重新安装并更新信息',
            ],
            [
              '{station}只有一个站牌，没有候车亭，夏天晒冬天冻，等车的多是老人。',
              '经{unit}现场勘查，该站具备建设条件，已列入年度候车亭建设计划，计划明年二季度前建成，已向诉求人说明。',
              '已纳入候车亭建设计划',
            ],
          ],
          wants: ['尽快完善站台设施', '尽快派人维修处理'],
          suggests: ['在{station}增设候车亭和座椅'],
        },
        {
          name: '公交服务质量',
          to: 'dept-transport',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { complaint: 6, suggestion: 1 },
          titles: ['投诉{bus}服务质量', '{bus}运营服务问题'],
          cases: [
            [
              '{date}{daytime}，{i}在{station}等{bus}，车明明看到有人招手却没停直接开走了，下一班又等了半个小时。',
              '经{unit}调取车载视频核实，该车次驾驶员确有甩站行为，公交企业已于{fdate}对驾驶员进行批评教育和考核扣分，并向诉求人致歉。',
              '已核实甩站行为并处理驾驶员',
            ],
            [
              '{date}乘坐{bus}，司机一路打电话，急刹车好几次，{elder}差点摔倒，提醒他还被呛了几句。',
              '{unit}责成公交企业调查，驾驶员行车中使用手机属实，已于{fdate}停班培训并扣除当月绩效，企业已电话致歉。',
              '驾驶员已停班培训，企业已致歉',
            ],
            [
              '{bus}的车厢{since}经常不开空调，闷热难耐，问司机说是空调坏了，一直也不修。',
              '经{unit}核实，该车空调压缩机故障，已于{fdate}修复，并要求运营企业对全线车辆空调进行检查。',
              '车辆空调已修复',
            ],
          ],
          wants: ['调查处理相关司机，给乘客一个说法', '加强对驾驶员的管理教育'],
          suggests: ['在公交车上醒目位置公示监督电话'],
        },
      ],
    },
    {
      name: '出租与客运',
      leaves: [
        {
          name: '出租车服务',
          to: 'dept-transport',
          urgency: CALM,
          area: 'urban',
          weight: 1,
          types: { complaint: 6, suggestion: 1 },
          titles: ['投诉出租车服务', '出租车违规经营问题'],
          cases: [
            [
              '{date}{daytime}，{i}在{hospital}门口打车，一辆出租车听说去{v}路程近就拒载了，车上空着没有乘客。',
              '{unit}根据诉求人提供的车辆信息查找到涉事驾驶员，经调查拒载属实，已于{fdate}依法处罚，并责令所属企业加强教育。',
              '拒载驾驶员已被依法处罚',
            ],
            [
              '{date}从燕川站打车到{estate}，司机绕了一大圈，比平时多收了{n}0多块钱，还不给打票。',
              '{unit}调取计价器和GPS轨迹核实，驾驶员存在绕路行为，已于{fdate}责令其退还多收费用并依法处罚。',
              '已责令退还多收费用并处罚',
            ],
            [
              '{date}晚上在{road}打车，司机不打表，一口价要五十块，不同意就不走。',
              '{unit}根据车牌信息核查，该驾驶员不按规定使用计价器，已于{fdate}予以处罚并记入服务质量信誉考核。',
              '已处罚并记入信誉考核',
            ],
          ],
          wants: ['依法查处违规司机', '依法处理，维护乘客权益'],
          suggests: ['在医院、车站等处设置出租车规范候客点'],
        },
        {
          name: '非法营运',
          to: 'dept-transport',
          co: ['dept-police'],
          urgency: NORMAL,
          area: 'any',
          weight: 1,
          types: { report: 6, complaint: 1 },
          titles: ['举报{spot}黑车揽客', '举报{loc}非法营运车辆'],
          cases: [
            [
              '{spot}每天早晚都有十几辆黑车聚集拉客，抢占公交站位置，乘客上公交都挤不过去。',
              '{unit}会同公安交管于{fdate}在{spot}开展联合执法，查扣非法营运车辆{n}辆，并安排人员定点值守。',
              '已查扣非法营运车辆并定点值守',
            ],
            [
              '有一辆面包车每天在{v}和城区之间拉客，一个人收二十块，车况很差，超载严重。',
              '{unit}根据线索于{fdate}在途中将该车查获，依法予以处罚，并加强该线路巡查。',
              '涉事车辆已查获处罚',
            ],
            [
              '{station}附近有人用电动三轮车拉客，在马路上逆行穿行，非常危险。',
              '{unit}会同公安交管于{fdate}对{station}周边开展整治，暂扣违规载客三轮车{n}辆。',
              '已暂扣违规载客三轮车',
            ],
          ],
          wants: ['依法打击非法营运', '加强巡查，查处黑车'],
          suggests: ['增加公交运力，从根本上挤压黑车生存空间'],
        },
      ],
    },
  ],
};

const LABOUR: RootSpec = {
  name: '劳动和社会保障',
  branches: [
    {
      name: '劳动关系',
      leaves: [
        {
          name: '拖欠工资',
          to: 'dept-hrss',
          co: ['township'],
          urgency: [0.02, 0.35, 0.63],
          complex: true,
          area: 'any',
          weight: 4,
          season: WAGES,
          types: { help: 5, complaint: 3, report: 1, consult: 1 },
          titles: ['反映被拖欠工资', '讨要被拖欠的工资'],
          cases: [
            [
              '{i}{date}之前在{company}承建的{site}干活，一共{n}个月的工资{amount}元一直没给，包工头说等工程款下来再说，现在电话也打不通了。',
              '{unit}劳动保障监察大队于{fdate}约谈了{company}负责人，经核实拖欠工资属实，督促施工总承包单位先行清偿，诉求人已领到被拖欠的工资。',
              '被拖欠工资已足额支付',
            ],
            [
              '{company}{since}一直没发工资，车间里{big}名工人都没拿到钱，老板说资金周转困难。',
              '经{unit}调查，{company}拖欠{big}名职工{n}个月工资，已于{fdate}下达限期整改指令书，企业已分两批支付全部欠薪。',
              '企业已支付全部欠薪',
            ],
            [
              '{i}在{restaurant}打工{months}个月，离职时老板以各种理由扣了{fee}元工资不给。',
              '{unit}于{fdate}组织双方调解，老板同意支付扣发的工资，双方签署调解协议并当场履行。',
              '经调解扣发工资已支付',
            ],
          ],
          wants: ['帮助追讨被拖欠的工资', '督促企业尽快发放工资'],
          suggests: ['加强对建筑工地农民工工资专户的监管'],
        },
        {
          name: '劳动合同纠纷',
          to: 'dept-hrss',
          urgency: NORMAL,
          area: 'any',
          weight: 2,
          types: { help: 4, consult: 2, complaint: 2 },
          titles: ['劳动合同纠纷', '{company}劳动用工问题'],
          cases: [
            [
              '{i}在{company}上班{months}个月了，公司一直不签劳动合同，问了几次都说试用期不签。',
              '{unit}于{fdate}对{company}进行了劳动用工检查，责令其与诉求人补签劳动合同，企业已整改。',
              '企业已补签劳动合同',
            ],
            [
              '{company}突然以业务调整为由把{i}辞退了，没有提前通知，也不给经济补偿。',
              '{unit}向诉求人讲解了劳动争议调解仲裁的相关规定，并于{fdate}组织双方调解，企业同意支付经济补偿，双方达成调解协议。',
              '经调解企业同意支付经济补偿',
            ],
            [
              '{company}要求员工每天工作12个小时，周末也经常加班，从来没有加班费。',
              '经{unit}调查，{company}存在超时加班且未足额支付加班费的问题，已于{fdate}责令整改并补发加班工资。',
              '已责令整改并补发加班工资',
            ],
          ],
          wants: ['督促企业依法用工', '维护劳动者合法权益'],
          suggests: ['加强对中小企业劳动合同签订情况的检查'],
        },
        {
          name: '未缴纳社会保险',
          to: 'dept-hrss',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { report: 4, complaint: 2, help: 1 },
          titles: ['{company}未给员工缴纳社保', '举报{company}不缴社保'],
          cases: [
            [
              '{i}在{company}工作{months}个月，公司一直没有给缴纳社会保险，说工资里已经包含了。',
              '{unit}于{fdate}对{company}进行核查，确认其未依法为职工参保，已责令限期为诉求人办理参保登记并补缴社会保险费。',
              '企业已为诉求人补缴社保',
            ],
            [
              '{company}只按最低基数给员工交社保，跟实际工资差很多，以后退休待遇要吃亏。',
              '经{unit}稽核，{company}存在少报缴费基数问题，已于{fdate}下达补缴通知，企业已按实际工资补足差额。',
              '企业已按实际工资补缴差额',
            ],
            [
              '{company}从{date}开始就停缴了社保，员工去医院看病都报销不了。',
              '{unit}督促{company}于{fdate}补缴了欠缴的社会保险费，员工医保待遇已恢复。',
              '欠缴社保已补缴',
            ],
          ],
          wants: ['督促企业依法缴纳社会保险', '依法查处并责令补缴社保'],
          suggests: ['加大对用人单位社保缴纳情况的稽核力度'],
        },
      ],
    },
    {
      name: '社会保险',
      leaves: [
        {
          name: '养老保险',
          to: 'dept-hrss',
          urgency: PLAIN,
          area: 'any',
          weight: 2,
          types: { consult: 6, help: 2, complaint: 1 },
          titles: ['养老保险问题', '养老保险待遇问题'],
          cases: [
            [
              '{elder}今年刚满60周岁，已经办了城乡居民养老保险领取手续，{since}一直没收到养老金。',
              '经{unit}核实，因领取人银行账户信息有误导致养老金未能发放，已于{fdate}更正账户并补发了全部养老金。',
              '已更正账户并补发养老金',
            ],
            [
              '{i}以前在外地交过几年养老保险，回来后在本地继续交，外地的一直转不过来。',
              '{unit}工作人员于{fdate}电话联系诉求人，详细讲解了养老保险关系转移接续流程，并协助其在线提交了转移申请。',
              '已协助提交养老保险转移申请',
            ],
            [
              '{elder}的养老金{since}每月少发了一百多块，问了社保所也说不清楚原因。',
              '经{unit}核查，系待遇重新核定期间暂按原标准发放，已于{fdate}完成核定并补发差额。',
              '已完成核定并补发差额',
            ],
          ],
          wants: ['尽快查明原因并发放养老金', '给予政策解答和帮助'],
          suggests: ['养老金发放有变化时通过短信提前告知'],
        },
        {
          name: '医保报销',
          to: 'dept-medical',
          urgency: PLAIN,
          area: 'any',
          weight: 2,
          types: { consult: 6, help: 2, complaint: 2 },
          titles: ['医保报销问题', '医疗保险报销结算问题'],
          cases: [
            [
              '{elder}{date}在外地住院，回来后拿着发票去报销，被告知材料不全，跑了好几趟还没报上。',
              '{unit}于{fdate}联系诉求人，一次性告知异地就医手工报销所需材料，并安排专人受理，报销款已拨付至其社保卡账户。',
              '异地住院费用已报销',
            ],
            [
              '{date}在{hospital}看病，医保卡刷不了，医院说是系统问题，只能先自费。',
              '经{unit}核实，当日系医院结算系统升级所致，已协调医院于{fdate}为诉求人办理退费并重新医保结算。',
              '已退费并重新医保结算',
            ],
            [
              '{elder}是慢性病患者，每个月开药都要跑到区医院，希望能在{clinic}开药报销。',
              '{unit}向诉求人解释了门诊慢特病就医政策，经核实{clinic}已纳入医保定点，诉求人可在该处开具常用药品并直接结算。',
              '已解答，可在就近定点机构开药结算',
            ],
          ],
          wants: ['尽快协调解决', '给予政策解答和帮助'],
          suggests: ['简化异地就医报销手续，推行线上办理'],
        },
        {
          name: '社保卡',
          to: 'dept-hrss',
          urgency: PLAIN,
          area: 'any',
          weight: 1.5,
          types: { consult: 8, help: 2, complaint: 1 },
          titles: ['社保卡办理问题', '社保卡相关问题求助'],
          cases: [
            [
              '{i}{date}申请补办社保卡，说是一个月内寄到，现在已经{weeks}周了还没收到，查询也查不到进度。',
              '经{unit}核实，该卡因邮寄地址不完整被退回，已于{fdate}联系诉求人更正地址并重新寄出，诉求人已收到新卡。',
              '新社保卡已寄达',
            ],
            [
              '{elder}的社保卡密码忘了，老人行动不便去不了窗口，希望能上门帮忙办理。',
              '{unit}协调社保所工作人员于{fdate}上门为老人办理了密码重置，并向家属讲解了线上办理方式。',
              '已上门为老人重置密码',
            ],
            [
              '{child}刚上大学，想办一张社保卡，网上申请一直提示照片不合格。',
              '{unit}工作人员于{fdate}电话指导诉求人按要求重新上传照片，申请已审核通过。',
              '已指导重新上传照片，申请已通过',
            ],
          ],
          wants: ['帮忙协调办理', '提供上门或就近办理服务'],
          suggests: ['在村（社区）设置社保卡便民服务点'],
        },
      ],
    },
    {
      name: '就业创业',
      leaves: [
        {
          name: '就业援助',
          to: 'dept-hrss',
          co: ['township'],
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { help: 4, consult: 3 },
          titles: ['就业帮扶求助', '求助推荐就业岗位'],
          cases: [
            [
              '{i}今年{age2}岁，原来的厂子倒闭了，{months}个月没找到工作，家里还有老人要照顾，希望能介绍个离家近的工作。',
              '{unit}于{fdate}为诉求人办理了就业困难人员认定，推荐了{n}个就近就业岗位，诉求人已在{company}上岗。',
              '已认定就业困难人员并推荐上岗',
            ],
            [
              '{child}大学毕业一年了还没找到工作，想了解有没有针对高校毕业生的就业政策和招聘会。',
              '{unit}于{fdate}联系诉求人，介绍了高校毕业生就业见习和专场招聘会信息，并将其纳入重点帮扶名单。',
              '已提供招聘信息并纳入帮扶名单',
            ],
            [
              '{v}很多妇女在家照顾孩子出不去，想在村附近找点灵活的活干，希望政府能组织一下。',
              '{unit}会同{twp}于{fdate}在{v}举办了家门口招聘会，引入手工编织和果品分拣岗位，已有{big}名村民报名。',
              '已在村里举办家门口招聘会',
              'rural',
            ],
          ],
          wants: ['帮忙推荐合适的工作岗位', '提供就业帮扶'],
          suggests: ['多在村里举办家门口招聘会'],
        },
        {
          name: '职业技能培训',
          to: 'dept-hrss',
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 4, suggestion: 3, help: 1, complaint: 1 },
          titles: ['职业技能培训问题', '反映职业技能培训问题'],
          cases: [
            [
              '{i}参加了区里的电工培训，考试合格了，但是{since}一直没有拿到证书和培训补贴。',
              '经{unit}核实，该期培训补贴因培训机构材料报送延迟未能发放，已于{fdate}督促完成审核，补贴已发放，证书可到机构领取。',
              '培训补贴已发放',
            ],
            [
              '{v}想发展民宿和农家乐，很多村民不懂经营，希望能组织一些厨师、客房服务方面的培训。',
              '{unit}已将{v}纳入本年度乡村旅游技能培训计划，于{fdate}在村里开设了首期中式烹调培训班。',
              '已在村里开设技能培训班',
              'rural',
            ],
            [
              '{agency}打着政府补贴的旗号招生，收了{fee}元培训费，说好的证书一直拿不到。',
              '经{unit}核查，该机构不具备补贴性培训资质，已于{fdate}责令其退还学员费用，并移交市场监管部门处理。',
              '已责令退还培训费用',
            ],
          ],
          wants: ['协调解决培训相关问题', '维护参训人员的合法权益'],
          suggests: ['根据群众需求开设更多免费技能培训班'],
        },
      ],
    },
  ],
};

const EDUCATION: RootSpec = {
  name: '教育文体',
  branches: [
    {
      name: '教育',
      leaves: [
        {
          name: '入学入园',
          to: 'dept-edu',
          urgency: CALM,
          area: 'any',
          weight: 2,
          season: SCHOOL,
          types: { consult: 6, help: 3, complaint: 1 },
          titles: ['子女入学入园问题', '{loc}适龄儿童入学入园问题'],
          cases: [
            [
              '{child}今年9月该上小学了，户口在{v}，但是一直在城区居住，不清楚应该在哪个学校报名。',
              '{unit}于{fdate}联系诉求人，说明了本区义务教育入学以户籍和实际居住相结合的划片政策，并告知报名时间和所需材料。',
              '已解答入学政策和报名流程',
            ],
            [
              '{loc}附近只有一所公办幼儿园，报名人数太多，{child}没有排上，私立园一个月要三四千元，负担太重。',
              '{unit}已将诉求人子女纳入普惠园学位调剂名单，于{fdate}协调{kinder}提供学位，并告知普惠性幼儿园收费标准。',
              '已协调普惠园学位',
            ],
            [
              '{child}随父母转学到这里，学校说学籍转不过来，已经开学{weeks}周了还在家里待着。',
              '{unit}于{fdate}协调原学校和{school}办理学籍转接手续，孩子已正常入校学习。',
              '已办理学籍转接，孩子已入学',
            ],
          ],
          wants: ['帮忙解决孩子入学问题', '给予入学政策解答'],
          suggests: ['在{loc}附近新建一所公办幼儿园'],
        },
        {
          name: '校园周边安全',
          to: 'dept-edu',
          co: ['dept-police', 'dept-market'],
          urgency: [0.05, 0.35, 0.6],
          area: 'any',
          weight: 1.5,
          types: { report: 3, complaint: 2, help: 2, suggestion: 1 },
          titles: ['{school}周边安全隐患', '反映{school}周边安全问题'],
          cases: [
            [
              '{school}门口放学时有好几个流动摊贩卖辣条和三无零食，孩子们围着买，卫生没保障。',
              '{unit}会同市场监管、城管执法部门于{fdate}对{school}周边进行整治，清理流动摊贩{n}处，并在上下学时段安排人员值守。',
              '已清理流动摊贩并安排值守',
            ],
            [
              '{school}门口的马路没有减速带，放学时车开得很快，{date}差点撞到孩子。',
              '经{unit}协调公安交管部门，已于{fdate}在{school}门口设置减速带和护学岗，上下学时段安排民警疏导。',
              '已设置减速带和护学岗',
            ],
            [
              '{school}旁边新开了一家网吧，经常有穿校服的学生进去。',
              '{unit}会同文旅部门于{fdate}对该网吧进行检查，依法查处其接纳未成年人的行为，并向学校通报，加强家校沟通。',
              '已依法查处接纳未成年人的网吧',
            ],
          ],
          wants: ['加强校园周边治理', '保障孩子上下学安全'],
          suggests: ['在学校周边设置护学岗和减速带'],
        },
        {
          name: '校外培训',
          to: 'dept-edu',
          co: ['dept-market'],
          urgency: CALM,
          area: 'urban',
          weight: 1,
          types: { complaint: 4, report: 3 },
          titles: ['{agency}违规经营问题', '反映{agency}培训问题'],
          cases: [
            [
              '{i}给{child}在{agency}报了课，交了{amount}元，上了没几次机构就说要搬家，现在要退费也找不到人。',
              '{unit}会同市场监管部门于{fdate}约谈{agency}负责人，机构已制定退费方案，诉求人剩余课时费用已退还。',
              '机构已退还剩余课时费',
            ],
            [
              '{agency}在周末偷偷给中小学生上学科类课程，还让家长不要对外说。',
              '{unit}于{fdate}对{agency}进行突击检查，确认其违规开展学科类培训，已责令停止并依法处理。',
              '已责令停止违规培训',
            ],
            [
              '{agency}在{estate}的居民楼里办班，没有任何资质，楼道里每天很多孩子，消防也不合格。',
              '经{unit}核查，该培训点属无证办学，已于{fdate}会同街道和消防部门依法取缔。',
              '无证培训点已取缔',
            ],
          ],
          wants: ['依法查处，维护学生和家长权益', '督促机构依法经营'],
          suggests: ['推行校外培训预收费资金监管，防止卷款跑路'],
        },
      ],
    },
    {
      name: '文化体育',
      leaves: [
        {
          name: '健身器材损坏',
          to: 'village',
          urgency: [0, 0.15, 0.85],
          area: 'any',
          weight: 1.5,
          patrol: true,
          types: { help: 3, report: 1, suggestion: 1 },
          titles: ['{loc}健身器材损坏', '{spot}健身器材存在安全隐患'],
          cases: [
            [
              '{spot}的健身器材{since}有好几件坏了，单杠松动，转腰器的螺丝掉了，孩子在上面玩很危险。',
              '{unit}于{fdate}联系体育器材维保单位，对{n}件损坏器材进行了维修加固，无法修复的已拆除，并张贴了安全使用提示。',
              '损坏器材已维修或拆除',
            ],
            [
              '{spot}的乒乓球台台面裂了，球网也没有了，大家想打球都打不了。',
              '{unit}于{fdate}更换了乒乓球台面和球网，器材已恢复使用。',
              '乒乓球台已修复',
            ],
            [
              '{spot}的健身场地地面坑坑洼洼，下雨积水，老人锻炼时容易滑倒。',
              '{unit}已将场地地面改造纳入为民办实事项目，于{fdate}完成塑胶地面铺设。',
              '已铺设塑胶地面',
            ],
          ],
          wants: ['尽快维修健身器材', '消除安全隐患'],
          suggests: ['在{loc}增设一些适合老年人的健身器材'],
        },
        {
          name: '文体活动场地',
          to: 'township',
          sections: ['community', 'social'],
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { suggestion: 5, help: 2, complaint: 1 },
          titles: ['{loc}文体活动场地问题', '{loc}缺少活动场地'],
          cases: [
            [
              '{loc}有很多老年人喜欢唱歌跳舞，但没有活动场地，只能在路边跳，既不安全又影响交通。',
              '{unit}经协调，于{fdate}起将{v}综合服务站二层活动室向居民免费开放，并安排专人管理。',
              '活动室已免费开放',
            ],
            [
              '{v}的文化活动室{since}一直锁着门，说是没人管理，有活动的时候也不开。',
              '{unit}于{fdate}督促{v}明确活动室管理人员，并公示开放时间为每天8时至20时。',
              '已明确管理人员并公示开放时间',
            ],
            [
              '{estate}周边没有篮球场，孩子们只能在小区停车场里打球，既危险又和车主闹矛盾。',
              '{unit}经选址论证，利用{road}边的闲置地块建设了一处笼式篮球场，已于{fdate}投入使用。',
              '已建成笼式篮球场',
              'urban',
            ],
          ],
          wants: ['协调提供活动场地', '开放现有的文化设施'],
          suggests: ['利用闲置空地建设小型体育场地'],
        },
        {
          name: '图书室与书屋',
          to: 'dept-culture',
          co: ['township'],
          urgency: PLAIN,
          area: 'any',
          weight: 0.8,
          types: { suggestion: 5, help: 1, complaint: 1 },
          titles: ['{v}图书室问题', '{loc}图书室管理问题'],
          cases: [
            [
              '{v}图书室的书都是十几年前的，大部分是技术手册，孩子们想看的课外书几乎没有。',
              '{unit}于{fdate}为该图书室更新图书{big}0册，其中少儿读物约占三分之一，并纳入全区图书通借通还体系。',
              '已更新图书并纳入通借通还',
            ],
            [
              '{loc}的图书室只在工作日上班时间开，上学上班的人根本去不了。',
              '{unit}协调{twp}于{fdate}起将图书室开放时间调整为周二至周日9时至19时。',
              '图书室开放时间已延长',
            ],
            [
              '{v}的图书室{since}被用来堆放杂物，书架上落满了灰，已经没法看书了。',
              '{unit}督促{v}于{fdate}清理了图书室杂物，恢复正常开放，并安排志愿者协助管理。',
              '图书室已清理并恢复开放',
            ],
          ],
          wants: ['更新图书，改善阅读条件', '恢复图书室正常开放'],
          suggests: ['在图书室定期开展亲子阅读活动'],
        },
      ],
    },
  ],
};

const HEALTH: RootSpec = {
  name: '卫生健康',
  branches: [
    {
      name: '医疗服务',
      leaves: [
        {
          name: '医疗服务态度',
          to: 'dept-health',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { complaint: 6, suggestion: 1 },
          titles: ['投诉{hospital}服务态度', '{hospital}就医体验差'],
          cases: [
            [
              '{date}带{elder}到{hospital}看病，挂号窗口工作人员态度恶劣，问两句就不耐烦，还把病历本扔了出来。',
              '{unit}责成{hospital}调查，经调取监控核实，当事工作人员服务态度确有问题，已于{fdate}对其批评教育并扣发绩效，医院已向诉求人致歉。',
              '医院已处理当事人并致歉',
            ],
            [
              '{date}在{hospital}急诊等了三个多小时没人管，{child}发着高烧，护士说医生忙不过来。',
              '经{unit}核实，当晚急诊就诊量激增，医院已于{fdate}优化急诊分诊流程，增加夜间值班医生，并向诉求人解释致歉。',
              '医院已优化急诊流程并致歉',
            ],
            [
              '{hospital}的医生开了很多检查，{i}觉得没有必要，花了{fee}元，问医生原因也不解释。',
              '{unit}组织专家对诉求人的诊疗过程进行了评议，检查项目符合诊疗规范，已于{fdate}由医院向诉求人详细解释，并要求医生加强医患沟通。',
              '已组织评议并向诉求人解释',
            ],
          ],
          wants: ['调查处理，给个说法', '改进医院的服务态度'],
          suggests: ['在医院设置投诉接待窗口，及时处理患者意见'],
        },
        {
          name: '就医不便',
          to: 'dept-health',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { suggestion: 4, help: 2, complaint: 2 },
          titles: ['{loc}群众就医不便', '反映{hospital}就医不便'],
          cases: [
            [
              '{hospital}现在只能网上预约挂号，{elder}不会用智能手机，到了医院也挂不上号。',
              '{unit}督促{hospital}于{fdate}恢复现场挂号窗口，设置老年人绿色通道，并安排志愿者协助。',
              '已恢复现场挂号并设老年人通道',
            ],
            [
              '{hospital}停车场太小，来看病的车排队排到马路上，每次要等一个多小时才能停进去。',
              '{unit}协调{hospital}于{fdate}起开放职工停车场供患者使用，并与周边单位签订了错时共享停车协议。',
              '已开放职工停车场并错时共享停车',
            ],
            [
              '{v}离{hospital}太远，山里老人看病来回要大半天，希望能有医生定期下乡。',
              '{unit}已安排{hospital}组建巡回医疗队，自{fdate}起每两周到{v}开展一次巡诊，并开通家庭医生签约服务。',
              '已安排巡回医疗队定期下乡',
              'rural',
            ],
          ],
          wants: ['改进服务，方便群众就医'],
          suggests: ['组织医生定期下乡巡诊', '为老年人保留现场挂号窗口'],
        },
        {
          name: '村卫生室',
          to: 'dept-health',
          co: ['township'],
          urgency: CALM,
          area: 'rural',
          weight: 1,
          types: { help: 3, suggestion: 3, complaint: 1 },
          titles: ['{v}卫生室问题', '{v}卫生室服务问题'],
          cases: [
            [
              '{v}卫生室{since}经常关门，村医说要去开会培训，老人有个头疼脑热只能往{twp}跑。',
              '{unit}会同{twp}于{fdate}明确了{v}卫生室的开诊时间，村医外出时由{twp}社区卫生服务中心派员坐诊。',
              '已明确开诊时间并安排替岗',
            ],
            [
              '{v}卫生室常用的降压药、降糖药经常断货，老人只能跑到城里买。',
              '{unit}协调药品配送企业于{fdate}为{v}卫生室补充常用慢病药品{n}0余种，并建立了缺药登记机制。',
              '已补充常用慢病药品',
            ],
            [
              '{v}卫生室的房子漏雨，设备也很旧，血压计都是坏的。',
              '{unit}已将{v}卫生室纳入标准化建设项目，于{fdate}完成房屋修缮和基本设备配备。',
              '卫生室已修缮并配备设备',
            ],
          ],
          wants: ['保障村卫生室正常开诊', '改善村卫生室条件'],
          suggests: ['完善村医待遇，稳定乡村医生队伍'],
        },
      ],
    },
    {
      name: '公共卫生',
      leaves: [
        {
          name: '疫苗接种',
          to: 'dept-health',
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 6, help: 2, complaint: 1 },
          titles: ['疫苗接种问题', '{clinic}疫苗接种问题'],
          cases: [
            [
              '{child}该打疫苗了，但是{clinic}的接种门诊{since}一直约不上号。',
              '{unit}协调{clinic}于{fdate}增加接种门诊开放时段，诉求人已预约成功。',
              '已增加接种时段，预约成功',
            ],
            [
              '{elder}想打流感疫苗，听说60岁以上老人免费，但{clinic}说没有疫苗了。',
              '经{unit}核实，该门诊老年人免费流感疫苗已补充到位，已于{fdate}通知诉求人前往接种。',
              '疫苗已补货，已通知接种',
            ],
            [
              '{child}的预防接种证丢了，上学要查验接种记录，不知道怎么补办。',
              '{unit}工作人员于{fdate}联系诉求人，告知可持身份证明到原接种门诊查询接种记录并补办接种证。',
              '已告知补办流程',
            ],
          ],
          wants: ['协调解决接种问题', '给予政策解答'],
          suggests: ['在周末增加接种门诊开放时间'],
        },
        {
          name: '病媒生物防制',
          to: 'township',
          sections: ['construction'],
          co: ['dept-health'],
          urgency: NORMAL,
          area: 'any',
          weight: 1.5,
          season: SUMMER,
          types: { help: 3, complaint: 2, report: 1 },
          titles: ['{loc}病媒生物滋生', '{loc}鼠患蚊蝇问题'],
          cases: [
            [
              '{spot}附近老鼠特别多，晚上在路上乱窜，有的还钻进了家里，咬坏了电线。',
              '{unit}于{fdate}组织专业消杀公司对{spot}周边开展灭鼠作业，投放毒饵站{n}0个，并清理了鼠类藏匿的杂物堆。',
              '已开展灭鼠作业',
            ],
            [
              '{spot}的积水坑{since}一直没人管，蚊子特别多，晚上在外面待一会儿就被咬好几个包。',
              '{unit}于{fdate}组织清理积水并填平坑洼，对周边绿地进行了灭蚊消杀。',
              '积水已清理，开展灭蚊消杀',
            ],
            [
              '{restaurant}后厨旁边的垃圾桶长期不盖盖子，苍蝇蟑螂成群。',
              '{unit}会同市场监管部门于{fdate}对{restaurant}进行检查，责令其规范垃圾存放并开展除四害消杀。',
              '已督促商户整改并消杀',
            ],
          ],
          wants: ['组织开展消杀', '清理卫生死角'],
          suggests: ['定期开展病媒生物消杀'],
        },
      ],
    },
    {
      name: '人口家庭',
      leaves: [
        {
          name: '生育登记',
          to: 'dept-health',
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 7, help: 2 },
          titles: ['生育登记办理问题', '生育服务问题'],
          cases: [
            [
              '{i}在网上办理生育登记，一直显示审核中，已经{weeks}周了，产检建档需要用。',
              '经{unit}核实，该申请因户籍信息核验未通过被挂起，已于{fdate}人工核验通过，诉求人已可下载生育服务登记凭证。',
              '生育登记已审核通过',
            ],
            [
              '{i}是外地户籍，在本区居住，在这边办理生育登记时系统一直提示无法受理。',
              '{unit}于{fdate}电话联系诉求人，告知可在现居住地办理生育登记，并远程指导其完成了登记。',
              '已指导完成异地生育登记',
            ],
            [
              '{loc}附近的社区卫生服务中心不能建档，孕妇产检要跑很远。',
              '{unit}协调{clinic}于{fdate}开设孕产妇建档门诊，每周二、四上午接诊。',
              '已就近开设建档门诊',
            ],
          ],
          wants: ['协调尽快解决', '给予政策解答'],
          suggests: ['推行生育登记全程网办'],
        },
        {
          name: '计生家庭扶助',
          to: 'dept-health',
          co: ['township'],
          urgency: PLAIN,
          area: 'any',
          weight: 0.8,
          types: { consult: 6, help: 3, complaint: 1 },
          titles: ['计生家庭扶助问题', '计划生育奖励扶助问题'],
          cases: [
            [
              '{elder}是独生子女父母，今年满60岁，听说可以领奖励扶助金，去{twp}问了说还没到时间。',
              '经{unit}核实，当事人符合奖励扶助条件，已于{fdate}完成资格确认，扶助金将从次月起按季度发放。',
              '已确认资格，扶助金按季度发放',
            ],
            [
              '{i}家是计生特殊家庭，{since}特别扶助金一直没有到账。',
              '{unit}核查发现因银行账户变更未及时更新导致发放失败，已于{fdate}更新账户并补发。',
              '已补发特别扶助金',
            ],
            [
              '{elder}的独生子女父母光荣证丢了，办理退休时要用，不知道去哪里补办。',
              '{unit}于{fdate}联系诉求人，告知可到户籍所在地乡镇（街道）补办，并提供了所需材料清单。',
              '已告知补办流程',
            ],
          ],
          wants: ['落实扶助政策', '帮忙查询发放情况'],
          suggests: ['对计生特殊家庭开展定期走访关怀'],
        },
      ],
    },
  ],
};

const COMMERCE: RootSpec = {
  name: '商贸旅游',
  branches: [
    {
      name: '市场监管',
      leaves: [
        {
          name: '商品质量',
          to: 'dept-market',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { complaint: 6, report: 1 },
          titles: ['投诉{shop}商品质量', '{shop}售卖劣质商品'],
          cases: [
            [
              '{date}在{shop}买的电暖器，用了不到一周就冒烟了，商家不给退换，说是人为损坏。',
              '{unit}于{fdate}组织双方调解，经检测属产品质量问题，商家同意为诉求人办理退货退款。',
              '经调解商家已退货退款',
            ],
            [
              '{shop}卖的大米里面有虫子，找商家理论，商家说是存放问题不给处理。',
              '{unit}执法人员于{fdate}对{shop}进行检查，下架同批次大米并抽样送检，商家已为诉求人退款。',
              '问题商品已下架，商家已退款',
            ],
            [
              '{date}在{shop}买的电动车头盔，回家发现没有3C认证标志，商家拒绝退货。',
              '{unit}经核查，该商品确未获得强制性产品认证，已于{fdate}责令商家停止销售并为消费者退货。',
              '已责令停售并退货',
            ],
          ],
          wants: ['维护消费者合法权益，帮助退换货', '查处销售劣质商品的行为'],
          suggests: ['加强对农村集市商品质量的抽检'],
        },
        {
          name: '价格问题',
          to: 'dept-market',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { complaint: 4, report: 3 },
          titles: ['{loc}价格收费问题', '反映乱收费问题'],
          cases: [
            [
              '{shop}货架上标的是打折价，结账时却按原价收费，一共多收了{n}0多元，店员还说是标签没换。',
              '{unit}于{fdate}对{shop}进行检查，确认存在价签与结算价格不一致问题，已责令退还多收款项并依法处理。',
              '已责令退还多收款项',
            ],
            [
              '{estate}物业强制收取装修垃圾清运费{fee}元，没有收费依据，不交就不让装修。',
              '经{unit}核查，物业未公示该收费项目和标准，已于{fdate}责令其公示并退还不合理收费。',
              '已责令公示收费并退还',
              'urban',
            ],
            [
              '{scenic}门口的停车场收费{n}0元一次，没有明码标价，收费也不给票。',
              '{unit}于{fdate}对该停车场进行检查，责令其明码标价并规范开具票据，对未标价行为依法处理。',
              '已责令停车场明码标价',
            ],
          ],
          wants: ['依法查处价格违法行为', '退还多收的费用'],
          suggests: ['加强对景区和商超明码标价的检查'],
        },
        {
          name: '食品安全',
          to: 'dept-market',
          urgency: [0.05, 0.35, 0.6],
          area: 'any',
          weight: 2,
          types: { report: 4, complaint: 4 },
          titles: ['{loc}食品安全问题', '反映食品安全问题'],
          cases: [
            [
              '{date}在{restaurant}吃饭后，一家{n}口人都出现了腹泻呕吐，去医院看了说是食物中毒。',
              '{unit}接单后立即对{restaurant}进行检查，对留样食品抽样送检，责令其停业整顿，于{fdate}依据检测结果依法立案处理，并协调商户承担诉求人医疗费用。',
              '已停业整顿并立案处理，商户承担医疗费',
            ],
            [
              '{shop}货架上有好几种已经过期的酸奶和面包还在卖，{date}买到的面包已经发霉了。',
              '{unit}于{fdate}对{shop}进行检查，下架过期食品{n}种，依法立案查处，并责令商户建立进货查验制度。',
              '过期食品已下架，依法立案查处',
            ],
            [
              '{spot}有一个无证的小作坊在做豆腐，卫生条件很差，做好的豆腐往附近的早市上卖。',
              '{unit}会同{twp}于{fdate}对该作坊进行查处，责令停止生产，现场没收原料和成品。',
              '无证小作坊已依法取缔',
            ],
          ],
          wants: ['依法查处，保障食品安全', '立即检查处理'],
          suggests: ['加强对农村集市和小餐馆的食品安全检查'],
        },
        {
          name: '预付卡退费',
          to: 'dept-market',
          urgency: CALM,
          complex: true,
          area: 'any',
          weight: 1.5,
          types: { complaint: 6, help: 1, consult: 1 },
          titles: ['{club}预付卡退费难', '{club}预付卡纠纷'],
          cases: [
            [
              '{i}在{club}办了{amount}元的会员卡，才用了一小部分，店铺{since}突然关门了，老板电话也不接。',
              '{unit}于{fdate}联系上{club}经营者，经调解其同意分期退还预付卡余额，已退还首期款项。',
              '经调解经营者同意分期退款',
            ],
            [
              '{club}要搬到很远的地方，{i}不方便再去，要求退卡被拒绝，店里说预付卡概不退款。',
              '经{unit}调解，{club}于{fdate}按剩余次数为诉求人办理了退款。',
              '已按剩余次数退款',
            ],
            [
              '{club}推销充值送课，{i}充值后发现课程根本约不上，要求退款一拖再拖。',
              '{unit}约谈{club}负责人，其于{fdate}为诉求人退还了未使用部分的充值款。',
              '已退还未使用的充值款',
            ],
          ],
          wants: ['帮助追回预付款', '督促商家退费'],
          suggests: ['加强对预付卡经营的资金监管'],
        },
      ],
    },
    {
      name: '旅游服务',
      leaves: [
        {
          name: '景区管理',
          to: 'dept-culture',
          co: ['township'],
          urgency: [0.02, 0.1, 0.88],
          area: 'mountain',
          weight: 1.5,
          season: TOURISM,
          types: { complaint: 4, suggestion: 2, help: 1 },
          titles: ['{scenic}管理问题', '{scenic}服务问题'],
          cases: [
            [
              '{date}去{scenic}游玩，景区内的游步道护栏断了好几处，旁边就是山崖，也没有警示标志。',
              '{unit}于{fdate}督促{scenic}对游步道护栏进行维修加固，增设警示标志{n}处，并开展安全隐患排查。',
              '护栏已修复，增设警示标志',
            ],
            [
              '{scenic}周末游客太多，进山的路堵了好几公里，车辆乱停在路边，村民出行都受影响。',
              '{unit}会同{twp}和交管部门于{fdate}起在节假日实施景区预约限流，开设临时停车场和接驳车。',
              '已实施预约限流并开设接驳车',
            ],
            [
              '{scenic}门口有人冒充景区工作人员，拉游客去买高价土特产。',
              '{unit}于{fdate}会同公安和市场监管部门对{scenic}周边开展整治，劝离违规揽客人员，景区设置了提示公告。',
              '已整治违规揽客',
            ],
          ],
          wants: ['加强景区管理，保障游客权益', '督促景区尽快整改'],
          suggests: ['在{scenic}实行分时段预约入园'],
        },
        {
          name: '民宿经营',
          to: 'dept-culture',
          co: ['township'],
          urgency: CALM,
          area: 'mountain',
          weight: 1,
          season: TOURISM,
          types: { complaint: 3, report: 2, suggestion: 1 },
          titles: ['{v}民宿经营问题', '反映{v}民宿问题'],
          cases: [
            [
              '{date}在{inn}住了一晚，房间和网上图片完全不一样，热水也没有，要求退款被拒绝。',
              '{unit}于{fdate}联系{inn}经营者进行调解，经营者同意退还一半房费，并承诺整改宣传图片。',
              '经调解民宿退还部分房费',
            ],
            [
              '{v}的{inn}经常有客人在院子里烧烤唱歌到半夜，{we}反映过好几次了。',
              '{unit}会同{v}于{fdate}约谈{inn}经营者，要求其在入住须知中明确22时后禁止喧哗，并张贴噪声提示牌。',
              '已约谈经营者并明确夜间管理',
            ],
            [
              '{v}有几户把自家房子改成民宿对外营业，没有证照，消防条件也不达标。',
              '经{unit}会同{twp}核查，已于{fdate}指导经营户按乡村民宿标准办理相关手续，整改到位前暂停营业。',
              '已指导办理手续，整改前暂停营业',
            ],
          ],
          wants: ['协调处理，维护游客权益', '加强民宿经营管理'],
          suggests: ['对乡村民宿实行等级评定和挂牌管理'],
        },
      ],
    },
  ],
};

const AGRICULTURE: RootSpec = {
  name: '农业农村',
  branches: [
    {
      name: '农业生产',
      leaves: [
        {
          name: '农业补贴',
          to: 'dept-agri',
          co: ['township'],
          urgency: PLAIN,
          area: 'rural',
          weight: 1.5,
          types: { consult: 5, help: 3, complaint: 1 },
          titles: ['{v}惠农补贴问题', '农业补贴发放问题'],
          cases: [
            [
              '{i}家承包了{n}亩地，今年的耕地地力保护补贴{since}还没到账，邻居家都收到了。',
              '经{unit}核实，因诉求人惠农一卡通账户已销户导致补贴退回，已于{fdate}协助其更新账户信息，补贴已重新发放。',
              '已更新账户并重新发放补贴',
            ],
            [
              '{v}去年种的{crop}遭了冰雹，说好的农业保险理赔{since}一直没有下来。',
              '{unit}协调保险公司于{fdate}完成查勘定损，理赔款已拨付至受灾农户账户。',
              '保险理赔款已拨付',
            ],
            [
              '{i}买了一台农机，听说有购置补贴，到{twp}问了说材料不对，来回跑了三趟。',
              '{unit}工作人员于{fdate}电话一次性告知农机购置补贴所需材料，并安排专人受理，申请已进入公示环节。',
              '已一次性告知材料并受理',
            ],
          ],
          wants: ['尽快落实惠农政策', '给予政策解答'],
          suggests: ['通过村务公开栏公示各项惠农补贴的发放情况'],
        },
        {
          name: '农资质量',
          to: 'dept-agri',
          co: ['dept-market'],
          urgency: NORMAL,
          area: 'rural',
          weight: 1,
          season: GROWING,
          types: { complaint: 4, report: 2 },
          titles: ['{loc}农资质量问题', '反映假冒伪劣农资'],
          cases: [
            [
              '{date}在{shop}买的{crop}种子，种下去出苗率不到一半，邻居买的同一批也是这样，找商家不认账。',
              '{unit}会同市场监管部门于{fdate}对{shop}同批次种子抽样检测，发芽率不合格，已依法查处，并组织商家对受损农户进行赔偿。',
              '种子检测不合格，商家已赔偿',
            ],
            [
              '{shop}卖的化肥包装上写的养分含量很高，用了以后庄稼明显长不好，怀疑是假化肥。',
              '{unit}于{fdate}对该批次化肥抽样送检，养分含量不达标，已责令下架并依法立案。',
              '假劣化肥已下架并立案',
            ],
            [
              '{spot}有人开着车走村串户卖农药，说是特效药，价格很贵，用了一点效果都没有。',
              '{unit}于{fdate}在辖区开展农资打假宣传，并联合市场监管部门查处流动无证销售农药行为。',
              '已开展打假宣传并查处流动商贩',
            ],
          ],
          wants: ['依法查处假冒伪劣农资', '帮助农户挽回损失'],
          suggests: ['在农忙前开展农资质量专项检查'],
        },
        {
          name: '病虫害与技术指导',
          to: 'township',
          sections: ['agri'],
          co: ['dept-agri'],
          urgency: [0, 0.2, 0.8],
          area: 'rural',
          weight: 1.5,
          season: GROWING,
          types: { help: 6, suggestion: 1 },
          titles: ['{v}农作物病虫害求助', '{v}农业技术服务需求'],
          cases: [
            [
              '{v}的{crop}{since}叶子发黄打卷，好多农户都是这样，不知道是什么病，用了药也不管用。',
              '{unit}于{fdate}组织农技人员到{v}田间诊断，确认为蚜虫危害，现场指导农户科学用药，并发放了防治明白纸。',
              '农技人员已现场指导防治',
            ],
            [
              '{v}的{crop}今年结果特别少，想请技术员来看看是不是修剪方法不对。',
              '{unit}于{fdate}邀请区果树专家到{v}开展修剪技术培训，共有{big}名果农参加。',
              '已组织果树修剪技术培训',
            ],
            [
              '{v}地里出现了很多不认识的虫子，把叶子都啃光了，担心会扩散到其他地块。',
              '{unit}接单后会同区植保站于{fdate}到现场调查，确认为草地贪夜蛾，已组织统防统治，防治面积{big}0亩。',
              '已组织统防统治',
            ],
          ],
          wants: ['派技术人员指导防治', '组织技术培训'],
          suggests: ['定期组织农技专家下乡开展技术服务'],
        },
      ],
    },
    {
      name: '农村管理',
      leaves: [
        {
          name: '宅基地',
          to: 'township',
          sections: ['construction'],
          co: ['dept-planning'],
          urgency: CALM,
          complex: true,
          area: 'rural',
          weight: 1.5,
          subjectVillage: true,
          types: { help: 3, complaint: 3, consult: 2 },
          titles: ['{v}宅基地问题', '反映{v}宅基地问题'],
          cases: [
            [
              '{i}家兄弟分户后申请宅基地建房，材料{date}就交到村里了，{since}一直没有下文。',
              '经{unit}核查，诉求人申请材料已由村委会报送，因村庄规划调整暂缓审批，已于{fdate}向其说明政策和预计审批时间。',
              '已说明审批进度和政策',
            ],
            [
              '{i}家和邻居的宅基地边界有争议，邻居翻建房屋时占了一米多宽的地方。',
              '{unit}调解员会同村委会于{fdate}依据宅基地确权登记资料现场勘界，双方签订调解协议，邻居退让占用部分。',
              '经勘界调解，邻居退让占用部分',
            ],
            [
              '{v}有人把宅基地上的房子卖给了城里人，买房的人正在翻建，村民意见很大。',
              '{unit}核查确认该宅基地属违规交易，已于{fdate}责令停止翻建，并在全村开展宅基地政策宣传。',
              '已责令停止翻建，开展政策宣传',
            ],
          ],
          wants: ['依法依规处理', '尽快调查处理，给个明确答复'],
          suggests: ['公开宅基地审批流程和进度'],
        },
        {
          name: '土地承包流转',
          to: 'township',
          sections: ['agri'],
          co: ['dept-agri'],
          urgency: CALM,
          complex: true,
          area: 'rural',
          weight: 1.5,
          subjectVillage: true,
          types: { help: 4, complaint: 3 },
          titles: ['{v}土地承包流转问题', '{v}土地承包纠纷'],
          cases: [
            [
              '{v}的{n}0多户村民把地流转给了{company}种植{crop}，今年的流转费{since}一直没有支付，说是公司资金紧张。',
              '{unit}于{fdate}约谈{company}负责人，督促其制定支付计划，已支付拖欠流转费的六成，余款承诺年底前付清。',
              '已支付大部分流转费，余款有支付计划',
            ],
            [
              '{i}家承包的地在确权时被少算了{n}分地，找村里一直说测量没错。',
              '{unit}组织农经站人员于{fdate}会同村委会重新测量，确认面积计算有误，已更正承包合同和确权证书。',
              '已重新测量并更正承包面积',
            ],
            [
              '{v}要把集体的果园发包出去，没有开村民代表会议，{we}怀疑有暗箱操作。',
              '{unit}于{fdate}责令{v}暂停发包，依法召开村民代表会议讨论发包方案，并在村务公开栏公示。',
              '已暂停发包并按程序重新表决',
            ],
          ],
          wants: ['依法维护承包农户权益', '尽快调查处理'],
          suggests: ['规范土地流转合同，引入流转履约保证金'],
        },
        {
          name: '村务公开',
          to: 'township',
          sections: ['hotline'],
          urgency: PLAIN,
          area: 'rural',
          weight: 1.5,
          subjectVillage: true,
          types: { complaint: 5, report: 2, suggestion: 1 },
          titles: ['{v}村务不公开', '{v}村级财务不透明'],
          cases: [
            [
              '{v}的村务公开栏{since}一直没有更新，村里的收入支出、补贴发放情况村民都不知道。',
              '{unit}于{fdate}督促{v}更新村务公开栏，按季度公开财务收支和惠民补贴发放情况，并在村民微信群同步发布。',
              '已督促按季度公开村务',
            ],
            [
              '{v}修路花了多少钱、谁承包的，村民都不清楚，问村干部也说不明白。',
              '{unit}组织审计人员于{fdate}对该修路项目进行了专项审计，审计结果已在{v}公示，未发现违规问题。',
              '已专项审计并公示结果',
            ],
            [
              '{v}村委会帮村民代缴医保，每人多收了{n}0元，说是手续费。',
              '经{unit}核实，村委会收取手续费无依据，已于{fdate}责令其全部退还，并对相关人员批评教育。',
              '已责令退还多收费用',
            ],
          ],
          wants: ['督促村委会公开村务和财务', '调查核实并依法处理'],
          suggests: ['推行村务财务线上公开，方便外出务工村民查看'],
        },
        {
          name: '农宅抗震节能补贴',
          to: 'dept-housing',
          co: ['township'],
          urgency: PLAIN,
          complex: true,
          area: 'rural',
          weight: 1,
          types: { help: 3, complaint: 3, consult: 2 },
          titles: ['{v}农宅抗震节能补贴未发放', '{v}农宅改造补贴问题'],
          cases: [
            [
              '{i}家{date}之前就完成了农宅抗震节能改造，验收也通过了，补贴{since}一直没有发下来。',
              '经{unit}核实，该批次补贴因资金拨付程序未完成暂未发放，已于{fdate}完成拨付，补贴已到账。',
              '补贴已拨付到账',
            ],
            [
              '{v}有十几户农宅抗震改造都完成好几年了，补贴到现在还没给，村里说等上面拨钱。',
              '{unit}将该问题作为共性问题上报区政府，统筹资金后于{fdate}完成{v}历年欠发补贴的发放。',
              '历年欠发补贴已统一发放',
            ],
            [
              '{i}家翻建房子时按要求做了抗震节能，申请补贴时被告知开工前没有备案，不能享受。',
              '{unit}于{fdate}会同{twp}核查，诉求人开工前已向村委会提交申请但未及时上报，属村级报送遗漏，已为其补录备案并进入审核。',
              '已补录备案并进入补贴审核',
            ],
          ],
          wants: ['尽快发放补贴', '给予政策解答'],
          suggests: ['公开农宅补贴的审核进度和发放时间'],
        },
      ],
    },
    {
      name: '山区与林业',
      leaves: [
        {
          name: '护林防火',
          to: 'dept-forestry',
          co: ['township'],
          urgency: [0.3, 0.4, 0.3],
          area: 'mountain',
          weight: 1.5,
          season: FIRE,
          patrol: true,
          types: { report: 5, help: 1, consult: 1 },
          titles: ['{v}森林火灾隐患', '{loc}护林防火问题'],
          cases: [
            [
              '{v}后山上有人上坟烧纸，烟很大，正是防火期，山上全是干草，很危险。',
              '{unit}接报后立即通知{twp}护林员赶赴现场，于{fdate}扑灭余火，对当事人进行批评教育，并加强重点时段卡口值守。',
              '余火已扑灭，加强卡口值守',
            ],
            [
              '{spot}有游客在林子边上搭烤架烧烤，护林员不在。',
              '{unit}协调{twp}护林员于当日赶到现场制止，熄灭火源，{fdate}起在该处增设防火检查站。',
              '已制止野外用火并增设检查站',
            ],
            [
              '{v}的防火通道被倒伏的树木堵住了，真着火了消防车根本进不去。',
              '{unit}于{fdate}组织专业扑火队清理防火通道倒伏树木，恢复通道畅通。',
              '防火通道已清理畅通',
            ],
          ],
          wants: ['立即处置，消除火灾隐患', '加强护林防火巡查'],
          suggests: ['在进山路口增设防火检查站'],
        },
        {
          name: '野生动物致害',
          to: 'dept-forestry',
          co: ['township'],
          urgency: [0.02, 0.2, 0.78],
          area: 'mountain',
          weight: 1,
          season: BOARS,
          types: { help: 5, complaint: 1 },
          titles: ['{v}野生动物致害求助', '{v}野生动物损害问题'],
          cases: [
            [
              '{v}后沟的{crop}地{since}几乎每天夜里都有野猪来拱，已经毁了{n}亩多，村民晚上只能敲盆驱赶。',
              '{unit}于{fdate}组织人员现场核损，启动野生动物致害补偿程序，并为{v}配发声光驱赶设备和防护围栏。',
              '已核损补偿并配发驱赶设备',
            ],
            [
              '{v}有村民在山上被野猪拱伤了腿，现在在医院治疗，不知道医疗费怎么办。',
              '{unit}于{fdate}联系伤者家属，协助其按野生动物致害补偿办法申报补偿，相关医疗费用已纳入补偿范围。',
              '已协助申报致害补偿',
            ],
            [
              '{v}的养鸡户{since}经常有黄鼠狼和狐狸来偷吃鸡，损失不小。',
              '{unit}于{fdate}到现场指导养殖户加固鸡舍、安装防护网，并讲解了野生动物保护和致害补偿政策。',
              '已指导加固鸡舍并讲解补偿政策',
            ],
          ],
          wants: ['帮助解决野生动物致害问题', '落实致害补偿'],
          suggests: ['在野猪活动频繁的地块安装防护围栏'],
        },
      ],
    },
  ],
};

const PUBLIC_SAFETY: RootSpec = {
  name: '公共安全',
  branches: [
    {
      name: '社会治安',
      leaves: [
        {
          name: '治安隐患',
          to: 'dept-police',
          urgency: [0.15, 0.35, 0.5],
          area: 'any',
          weight: 1.5,
          types: { report: 5, help: 2, suggestion: 1 },
          titles: ['{loc}治安隐患', '反映{loc}治安问题'],
          cases: [
            [
              '{estate}的监控摄像头坏了很久了，最近小区接连有几户电动车电瓶被偷。',
              '{unit}于{fdate}加强了{estate}周边夜间巡逻，协调物业修复监控探头{n}个，并开展防盗宣传。',
              '已加强巡逻并修复监控',
              'urban',
            ],
            [
              '{spot}附近最近经常有几个陌生人晚上转悠，挨家挨户地看，{we}担心是小偷踩点。',
              '{unit}于{fdate}安排社区民警对{spot}周边进行走访排查，增加夜间巡逻频次，并组织治安志愿者参与群防群治。',
              '已增加夜间巡逻',
            ],
            [
              '{spot}有一家棋牌室每天晚上聚集很多人，怀疑有赌博行为。',
              '{unit}于{fdate}对该棋牌室进行检查，依法查处赌博行为，并责令其规范经营。',
              '已依法查处',
            ],
          ],
          wants: ['加强巡逻，消除治安隐患', '依法查处违法行为'],
          suggests: ['在{spot}增设监控摄像头'],
        },
        {
          name: '邻里纠纷',
          to: 'village',
          sections: ['safety'],
          urgency: [0.02, 0.15, 0.83],
          area: 'any',
          weight: 2.5,
          types: { help: 5, complaint: 2 },
          titles: ['{loc}邻里纠纷', '{loc}邻里矛盾求助'],
          cases: [
            [
              '{i}家和邻居因为门前的排水沟吵了好几次，邻居把沟堵了，一下雨水都往{i}家院里灌。',
              '{unit}调解委员会于{fdate}组织双方到现场协商，邻居同意疏通排水沟，双方约定共同维护，签订了调解协议。',
              '经调解双方签订协议',
            ],
            [
              '{estate}{bldg}的邻居在楼道里装了摄像头对着{i}家门，{i}觉得隐私受到侵犯，沟通无果。',
              '{unit}会同社区民警于{fdate}上门调解，邻居同意调整摄像头角度，不再对准他人家门。',
              '经调解邻居已调整摄像头',
              'urban',
            ],
            [
              '{i}家和邻居因为院墙边一棵树的归属起了争执，邻居要砍树，两家闹得很僵。',
              '{unit}组织村里的“三老”调解员于{fdate}上门调解，依据宅基地登记确定树木归属，双方握手言和。',
              '经“三老”调解双方和解',
              'rural',
            ],
          ],
          wants: ['帮忙调解邻里纠纷', '协调解决'],
          suggests: ['在村（社区）设立固定的调解室'],
        },
        {
          name: '电信诈骗',
          to: 'dept-police',
          urgency: [0.2, 0.4, 0.4],
          area: 'any',
          weight: 1.5,
          types: { help: 5, report: 3, consult: 1 },
          titles: ['电信诈骗求助', '反映电信网络诈骗'],
          cases: [
            [
              '{elder}{date}接到一个自称是公检法的电话，说涉嫌洗钱，让把钱转到安全账户，老人已经转了{amount}元。',
              '{unit}接报后立即启动紧急止付，于{fdate}立案侦查，已冻结部分涉案资金，并向诉求人讲解了防诈骗知识。',
              '已立案侦查并冻结部分资金',
            ],
            [
              '{i}在网上刷单，先是返了几次小钱，后来被要求连续做任务，一共转了{amount}元，对方就联系不上了。',
              '{unit}于{fdate}受理立案，已将涉案账户信息报送反诈中心进行止付冻结，案件正在侦办中。',
              '已立案侦办',
            ],
            [
              '{i}接到一个冒充快递客服的电话，说包裹丢了要理赔，让下载软件开共享屏幕，觉得不对劲就挂了，想举报这个号码。',
              '{unit}于{fdate}将该号码报送通信管理部门予以关停，并对诉求人的防范意识表示感谢。',
              '诈骗号码已报送关停',
            ],
          ],
          wants: ['依法打击电信诈骗', '尽快调查处理'],
          suggests: ['在村（社区）多开展防诈骗宣传，特别是针对老年人'],
        },
      ],
    },
    {
      name: '安全生产与消防',
      leaves: [
        {
          name: '消防通道堵塞',
          to: 'township',
          sections: ['safety'],
          co: ['dept-emergency'],
          urgency: [0.05, 0.4, 0.55],
          area: 'any',
          weight: 1.5,
          patrol: true,
          types: { report: 4, complaint: 2, suggestion: 1 },
          titles: ['{loc}消防通道堵塞', '{loc}消防安全隐患'],
          cases: [
            [
              '{estate}的消防通道上{since}每天停满了私家车，物业画了禁停线也没人管，真着火了消防车进不来。',
              '{unit}会同物业和消防救援站于{fdate}对{estate}消防通道进行清理，设置隔离桩，并将违停车辆信息通报交管部门处理。',
              '消防通道已清理并设置隔离桩',
              'urban',
            ],
            [
              '{home}所在楼的楼道里堆满了纸箱、旧家具，还有人放了液化气罐，一旦起火后果不堪设想。',
              '{unit}于{fdate}组织网格员和物业开展楼道清理，清运杂物{n}车，并对存放液化气罐的住户进行安全教育。',
              '楼道杂物已清理',
              'urban',
            ],
            [
              '{v}的主街两边堆满了柴火垛和杂物，路窄得只能过一辆车，消防车肯定进不去。',
              '{unit}于{fdate}组织{v}开展柴草垛集中清理，在村外划定集中堆放点，主街通道已恢复畅通。',
              '柴草垛已清理，划定集中堆放点',
              'rural',
            ],
          ],
          wants: ['清理消防通道，消除火灾隐患', '加强消防安全管理'],
          suggests: ['定期开展消防安全检查和演练'],
        },
        {
          name: '电动自行车充电',
          to: 'village',
          sections: ['safety'],
          urgency: [0.05, 0.35, 0.6],
          area: 'any',
          weight: 1.5,
          patrol: true,
          types: { report: 4, complaint: 2, suggestion: 2 },
          titles: ['{loc}电动自行车充电问题', '{loc}电动车充电安全隐患'],
          cases: [
            [
              '{estate}{bldg}有住户从窗户拉电线下来给电动车充电，电线就搭在绿化带上，下雨天很危险。',
              '{unit}于{fdate}组织网格员上门劝导，拆除飞线{n}处，并告知就近的集中充电点位置。',
              '飞线已拆除',
              'urban',
            ],
            [
              '{home}楼道里经常有人推电动车进去充电，充一整夜也不拔，{i}担心会起火。',
              '{unit}会同物业于{fdate}开展专项整治，清理楼道内电动车，并在楼门口张贴禁止入户充电提示。',
              '已清理楼道电动车',
              'urban',
            ],
            [
              '{loc}没有电动车充电桩，大家只能在家里充电，希望能建几个集中充电点。',
              '{unit}经选址，于{fdate}在{loc}建成集中充电车棚一处，设充电口{big}个，已投入使用。',
              '已建成集中充电车棚',
            ],
          ],
          wants: ['消除电动车充电安全隐患', '规范电动车充电管理'],
          suggests: ['在{loc}建设电动自行车集中充电车棚'],
        },
        {
          name: '燃气安全隐患',
          to: 'dept-urban',
          co: ['dept-emergency'],
          urgency: [0.5, 0.3, 0.2],
          area: 'any',
          weight: 1.5,
          types: { report: 3, help: 4 },
          titles: ['{loc}燃气安全隐患', '反映{loc}燃气安全问题'],
          cases: [
            [
              '{home}所在楼的楼道里从{today}开始闻到很浓的燃气味，不知道是哪家漏气，{i}很害怕。',
              '{unit}接报后立即通知燃气公司抢险人员赶赴现场，查明为楼道立管接口漏气，于{fdate}完成维修，并入户检查了{n}户燃气设施。',
              '漏气点已维修，已入户检查',
            ],
            [
              '{restaurant}把好几个液化气罐放在门口的过道上，还有一个在太阳下暴晒。',
              '{unit}会同应急管理部门于{fdate}对{restaurant}进行检查，责令其将气瓶移入专用气瓶间，并更换不合格的减压阀和软管。',
              '气瓶已规范存放，更换不合格配件',
            ],
            [
              '{v}有些老人家里用的燃气灶还是十几年前的，胶皮管都老化开裂了，很不安全。',
              '{unit}协调燃气公司于{fdate}到{v}开展入户安检，为{n}0户老人免费更换了金属软管，并安装了燃气报警器。',
              '已免费更换软管并安装报警器',
            ],
          ],
          wants: ['立即派人检查处理', '消除燃气安全隐患'],
          suggests: ['为老年人家庭安装燃气泄漏报警器'],
        },
      ],
    },
    {
      name: '自然灾害',
      leaves: [
        {
          name: '地质灾害隐患',
          to: 'dept-planning',
          co: ['township', 'dept-emergency'],
          urgency: [0.35, 0.45, 0.2],
          area: 'mountain',
          weight: 1,
          season: GEOHAZARD,
          types: { report: 4, help: 3 },
          titles: ['{v}地质灾害隐患', '{v}山体落石滑坡隐患'],
          cases: [
            [
              '{v}通往外面的山路边{since}经常有石头掉下来，{date}一块大石头差点砸到过路的车。',
              '{unit}会同{twp}于{fdate}对该路段进行了地质灾害隐患排查，清理危石{n}处，设置警示牌并纳入汛期重点巡查点位。',
              '已清理危石并纳入重点巡查',
            ],
            [
              '{home}房子后面的山坡{since}出现了裂缝，下雨后还有土往下滑，一家人晚上都不敢睡。',
              '{unit}组织地质专家于{fdate}现场勘查，将该处列为地质灾害隐患点，已安排该户临时转移安置，并启动治理工程。',
              '已临时转移安置并启动治理',
            ],
            [
              '{v}的泥石流沟里堆了很多建筑垃圾，{we}担心雨季冲下来堵了河道。',
              '{unit}会同{twp}于{fdate}清理沟道内堆积物，在沟口设置拦挡设施和警示标志。',
              '沟道堆积物已清理',
            ],
          ],
          wants: ['尽快排查治理，保障群众安全', '立即组织专业人员勘查'],
          suggests: ['汛期前对山区地质灾害隐患点进行全面排查'],
        },
        {
          name: '雨季积水与防汛',
          to: 'dept-water',
          co: ['township'],
          urgency: [0.3, 0.5, 0.2],
          area: 'any',
          weight: 1.5,
          season: FLOOD,
          types: { help: 5, report: 2, complaint: 1 },
          titles: ['{loc}雨后积水', '{loc}防汛安全隐患'],
          cases: [
            [
              '{spot}一下雨就积水，{date}那场雨积水有半米深，车都熄火了，两天都没排干净。',
              '{unit}于{fdate}对该处雨水口进行清掏，增设雨水篦子{n}个，并在汛期配置移动泵车值守。',
              '已增设雨水口并配置泵车',
            ],
            [
              '{home}地势低，{today}下大雨，院子里的水已经快漫进屋了，需要帮助。',
              '{unit}接报后协调{twp}抢险队携带水泵赶到现场，于{fdate}排除积水，并为该户垒筑了挡水沙袋。',
              '已排除积水并垒筑沙袋',
            ],
            [
              '{v}边上的河堤有一段被冲塌了，雨季来了怕洪水漫进村里。',
              '{unit}于{fdate}组织对冲毁堤段进行抢修加固，完成石笼护坡{n}0米，并纳入汛期巡查。',
              '冲毁堤段已抢修加固',
              'rural',
            ],
          ],
          wants: ['尽快排除积水，消除隐患', '加强防汛措施'],
          suggests: ['改造{spot}附近的雨水管网'],
        },
      ],
    },
  ],
};

const CIVIL_AFFAIRS: RootSpec = {
  name: '民政与社会事务',
  branches: [
    {
      name: '养老服务',
      leaves: [
        {
          name: '高龄津贴',
          to: 'dept-civil',
          co: ['township'],
          urgency: PLAIN,
          area: 'any',
          weight: 1.5,
          types: { consult: 6, help: 3, complaint: 1 },
          titles: ['高龄津贴发放问题', '{loc}老人高龄津贴问题'],
          cases: [
            [
              '{elder}今年{age}岁了，听说满80周岁有高龄津贴，{since}还没领到，也不知道找谁申请。',
              '{unit}于{fdate}联系诉求人，告知高龄津贴申请方式，并协调{twp}工作人员上门为老人办理申请，津贴将于次月发放。',
              '已上门办理申请',
            ],
            [
              '{elder}的高龄津贴{since}突然停发了，去问说是要年审，但老人卧床去不了。',
              '经{unit}核实，系年度资格认证未完成导致暂停发放，已于{fdate}安排工作人员上门完成认证，并补发停发期间津贴。',
              '已上门认证并补发津贴',
            ],
            [
              '{elder}满90岁后津贴标准应该提高，但到账的钱还是按原来标准发的。',
              '{unit}核查后确认发放档次未及时调整，已于{fdate}调整标准并补发差额。',
              '已调整标准并补发差额',
            ],
          ],
          wants: ['尽快落实高龄津贴', '帮忙查询原因'],
          suggests: ['对高龄津贴实行免申即享、主动发放'],
        },
        {
          name: '养老驿站',
          to: 'dept-civil',
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          types: { suggestion: 3, complaint: 3, help: 2 },
          titles: ['{loc}养老驿站服务问题', '{loc}养老服务问题'],
          cases: [
            [
              '{loc}的养老驿站{since}基本不开门，说好的助餐服务也停了，老人们吃饭成问题。',
              '{unit}于{fdate}约谈驿站运营方，责令其恢复正常运营和助餐服务，并将该驿站纳入月度考核。',
              '驿站已恢复助餐服务',
            ],
            [
              '{loc}附近没有养老驿站，{elder}一个人在家，子女都上班，白天没人照看。',
              '{unit}已将{loc}纳入养老服务设施布局规划，于{fdate}协调邻近驿站开通上门巡视探访服务。',
              '已安排邻近驿站上门巡访',
            ],
            [
              '{loc}养老驿站的助餐价格{since}涨了，一份套餐从十几块涨到二十多块，菜量还少了。',
              '经{unit}核查，驿站未按规定报备调价，已于{fdate}责令其恢复原价并公示收费标准。',
              '已责令恢复原价并公示',
            ],
          ],
          wants: ['督促驿站改进服务', '解决老人照护问题'],
          suggests: ['在{loc}开设老年餐桌'],
        },
        {
          name: '独居老人关爱',
          to: 'village',
          sections: ['social'],
          urgency: [0.1, 0.35, 0.55],
          area: 'any',
          weight: 1.5,
          types: { help: 6, suggestion: 1 },
          titles: ['{loc}独居老人需要帮助', '求助照顾{loc}独居老人'],
          cases: [
            [
              '{i}家邻居是一位{age}岁的独居老人，{since}没见他出门，敲门也没人应，担心出了什么事。',
              '{unit}接单后网格员立即上门查看，老人因感冒卧床，已于{fdate}陪同就医，并将其纳入每日电话问候和每周上门探访名单。',
              '已上门查看并纳入定期探访',
            ],
            [
              '{elder}一个人住在{home}，子女都在外地，家里的灯泡坏了、水龙头漏水都没人修。',
              '{unit}于{fdate}组织志愿服务队上门为老人更换灯泡、维修水龙头，并为老人安装了一键呼叫设备。',
              '志愿者已上门维修并安装呼叫设备',
            ],
            [
              '{v}有几位独居老人腿脚不便，冬天买菜拿药都很困难。',
              '{unit}于{fdate}对{v}独居老人进行了摸排，建立了需求台账，安排网格员和志愿者每周代购生活用品和药品。',
              '已建立台账，每周代购代办',
            ],
          ],
          wants: ['帮忙上门看看老人', '为独居老人提供帮助'],
          suggests: ['为独居老人建立定期探访制度'],
        },
      ],
    },
    {
      name: '社会救助',
      leaves: [
        {
          name: '最低生活保障',
          to: 'township',
          sections: ['social'],
          co: ['dept-civil'],
          urgency: CALM,
          area: 'any',
          weight: 1.5,
          subjectVillage: true,
          types: { consult: 4, help: 4, complaint: 2 },
          titles: ['{loc}低保问题', '最低生活保障问题'],
          cases: [
            [
              '{i}家{elder}常年生病，家里就靠打零工维持，收入很低，想申请低保，村里说条件不够。',
              '{unit}于{fdate}对诉求人家庭经济状况进行入户调查，经核算符合低保条件，已受理申请并进入公示环节。',
              '已入户调查并受理低保申请',
            ],
            [
              '{i}家的低保{since}突然被停了，也没有人通知原因。',
              '经{unit}核实，诉求人家庭成员就业后收入超过标准，低保依规停发，已于{fdate}当面向其解释政策，并告知可享受渐退帮扶。',
              '已解释停发原因并告知渐退政策',
            ],
            [
              '{v}有户人家家里有车有门面房，还在吃低保，{we}意见很大。',
              '{unit}于{fdate}对该户进行复核，确认其家庭财产超标，已依法停发低保并追回违规领取资金。',
              '已复核并停发违规低保',
            ],
          ],
          wants: ['依规核实处理', '调查核实，给个说法'],
          suggests: ['低保审核结果在村（社区）公示'],
        },
        {
          name: '临时救助',
          to: 'township',
          sections: ['social'],
          co: ['dept-civil'],
          urgency: [0.05, 0.45, 0.5],
          area: 'any',
          weight: 1,
          types: { help: 7, consult: 1 },
          titles: ['{loc}困难群众求助', '临时救助求助'],
          cases: [
            [
              '{i}家{date}着了一场火，厨房和一间屋子烧毁了，一家人现在没地方住，希望政府帮帮忙。',
              '{unit}于{fdate}为诉求人家庭发放临时救助金{fee}0元，协调了临时住所，并联系慈善协会捐助生活用品。',
              '已发放临时救助金并协调住所',
            ],
            [
              '{i}家里有人突发重病住院，医药费已经花了十几万，家里实在拿不出钱了。',
              '{unit}于{fdate}为诉求人办理了临时救助和医疗救助，并指导其申请大病保险二次报销。',
              '已办理临时救助和医疗救助',
            ],
            [
              '{spot}有一名流浪人员，天冷了一直睡在桥洞里，看着很可怜。',
              '{unit}会同救助管理站于{fdate}将该流浪人员护送至救助站妥善安置。',
              '已护送至救助站安置',
            ],
          ],
          wants: ['帮助解决困难', '给予救助帮扶'],
          suggests: ['建立困难群众急难救助快速通道'],
        },
        {
          name: '残疾人补贴',
          to: 'dept-civil',
          co: ['township'],
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 5, help: 4 },
          titles: ['残疾人两项补贴问题', '残疾人补贴问题'],
          cases: [
            [
              '{elder}是二级肢体残疾，听说有护理补贴，去{twp}问过，让准备一堆材料，不知道具体要哪些。',
              '{unit}于{fdate}电话联系诉求人，一次性告知残疾人两项补贴的申请条件和材料，并协调{twp}上门受理。',
              '已一次性告知并上门受理',
            ],
            [
              '{i}家孩子的残疾人生活补贴{since}没到账，之前一直正常发放的。',
              '经{unit}核实，因年度复核信息未更新暂停发放，已于{fdate}完成复核并补发。',
              '已完成复核并补发',
            ],
            [
              '{elder}行动不便，想申请残疾人辅助器具，不知道能不能免费领取轮椅。',
              '{unit}于{fdate}联系残联工作人员上门评估，为老人适配了轮椅和助行器，免费发放。',
              '已免费适配辅助器具',
            ],
          ],
          wants: ['帮助落实残疾人补贴', '给予政策解答'],
          suggests: ['为重度残疾人提供上门评残服务'],
        },
      ],
    },
    {
      name: '户籍证件',
      leaves: [
        {
          name: '居住证办理',
          to: 'dept-police',
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 8, help: 2 },
          titles: ['居住证办理问题', '办理居住证遇到困难'],
          cases: [
            [
              '{i}{date}在派出所申请了居住证，说是十五个工作日能取，现在已经{weeks}周了还没办好。',
              '经{unit}核实，该证件因照片采集不合格被退回，已于{fdate}通知诉求人重新采集，证件已制作完成。',
              '居住证已制作完成',
            ],
            [
              '{i}在{company}上班，公司不给开劳动合同证明，办居住证需要的材料凑不齐。',
              '{unit}于{fdate}电话告知诉求人可凭社保缴纳记录或租房合同备案作为居住证申领材料。',
              '已告知可用的替代材料',
            ],
            [
              '{i}租住在{home}，房东不愿意配合办理租房登记，导致办不了居住证。',
              '{unit}社区民警于{fdate}联系房东说明出租房屋登记义务，房东已配合办理登记，诉求人已提交居住证申请。',
              '已协调房东配合登记',
            ],
          ],
          wants: ['帮忙加快办理', '给予办理指导'],
          suggests: ['推行居住证网上申请'],
        },
        {
          name: '户口迁移',
          to: 'dept-police',
          urgency: PLAIN,
          area: 'any',
          weight: 1,
          types: { consult: 7, help: 2 },
          titles: ['户口迁移问题', '户口迁入办理问题'],
          cases: [
            [
              '{i}结婚后想把户口迁到{v}，去派出所问了两次，每次要的材料都不一样。',
              '{unit}于{fdate}联系诉求人，一次性告知夫妻投靠落户所需材料，并预约了办理时间。',
              '已一次性告知材料并预约',
            ],
            [
              '{elder}要把户口迁到子女这里一起生活，准迁证办了{weeks}周还没批下来。',
              '经{unit}核实，该申请已审批通过，已于{fdate}通知诉求人领取准迁证。',
              '准迁证已审批通过',
            ],
            [
              '{child}大学毕业后户口还在学校集体户，现在回来工作，想迁回原籍一直办不下来。',
              '{unit}于{fdate}电话告知诉求人毕业生户口迁回原籍的办理流程，并协助其完成网上预约。',
              '已告知流程并协助预约',
            ],
          ],
          wants: ['帮忙办理户口迁移', '一次性告知所需材料'],
          suggests: ['户籍业务推行一次性告知和网上预约'],
        },
      ],
    },
    {
      name: '婚丧事务',
      leaves: [
        {
          name: '殡葬服务',
          to: 'dept-civil',
          co: ['township'],
          urgency: [0.02, 0.2, 0.78],
          area: 'any',
          weight: 1,
          season: FUNERAL,
          types: { consult: 4, complaint: 3, help: 2 },
          titles: ['殡葬服务问题', '反映殡葬管理问题'],
          cases: [
            [
              '{elder}{date}去世了，去殡仪馆结算时没有按惠民政策减免费用。',
              '经{unit}核实，殡仪馆结算时未核验逝者户籍信息，已于{fdate}为家属退还应减免的基本殡葬服务费用。',
              '已退还应减免的殡葬费用',
            ],
            [
              '{spot}附近有人在公路边办丧事，搭棚子占了半条路，还在晚上放鞭炮。',
              '{unit}会同{twp}于{fdate}上门劝导，丧事承办方撤除了占路设施，并承诺不再燃放鞭炮。',
              '已劝导撤除占路设施',
            ],
            [
              '{scenic}附近的公墓管理费一下子涨了好几倍，还强制要求买高价的祭扫用品。',
              '{unit}于{fdate}对该公墓进行检查，责令其按核定标准收费，停止强制搭售行为。',
              '已责令按标准收费',
            ],
          ],
          wants: ['依规处理', '加强殡葬服务管理'],
          suggests: ['推行绿色殡葬，倡导文明祭扫'],
        },
        {
          name: '婚姻登记',
          to: 'dept-civil',
          urgency: PLAIN,
          area: 'any',
          weight: 0.8,
          types: { consult: 8, help: 1, complaint: 1 },
          titles: ['婚姻登记问题', '婚姻登记预约问题'],
          cases: [
            [
              '{i}准备领结婚证，网上预约{since}一直约不上，特殊日期全部约满了。',
              '{unit}于{fdate}增加了婚姻登记预约号源，并告知诉求人可在周末延时服务时段办理。',
              '已增加号源，告知延时服务',
            ],
            [
              '{i}的结婚证丢了，办房产手续需要，去登记处补领说要等好几天。',
              '{unit}于{fdate}联系诉求人，安排其持身份证件到婚姻登记处当场办理补领。',
              '已安排当场补领',
            ],
            [
              '{i}是外地户口，对方是本地户口，到婚姻登记处被告知材料不全，白跑了一趟。',
              '{unit}于{fdate}向诉求人一次性告知跨省通办所需材料，并为其预约了办理时间。',
              '已一次性告知材料并预约',
            ],
          ],
          wants: ['给予办理指导'],
          suggests: ['婚姻登记处在节假日开设延时服务'],
        },
      ],
    },
  ],
};

/** The whole tree, in code order. */
export const CATALOGUE: readonly RootSpec[] = [
  URBAN_CONSTRUCTION,
  ENVIRONMENT,
  TRANSPORT,
  LABOUR,
  EDUCATION,
  HEALTH,
  COMMERCE,
  AGRICULTURE,
  PUBLIC_SAFETY,
  CIVIL_AFFAIRS,
];

export interface CatalogueLeaf {
  code: string;
  path: readonly [string, string, string];
  spec: LeafSpec;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Every leaf with its derived code. */
export function catalogueLeaves(): CatalogueLeaf[] {
  const out: CatalogueLeaf[] = [];
  CATALOGUE.forEach((root, ri) => {
    root.branches.forEach((branch, bi) => {
      branch.leaves.forEach((leaf, li) => {
        out.push({
          code: pad2(ri + 1) + pad2(bi + 1) + pad2(li + 1),
          path: [root.name, branch.name, leaf.name],
          spec: leaf,
        });
      });
    });
  });
  return out;
}
