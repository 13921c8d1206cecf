"""The words of a generated plan written in several scripts, as an international revenue team writes.

Most of a plan is English; the rest is German and French (with their accents), Russian (Cyrillic),
Arabic and Hebrew (right to left), Japanese and Chinese, and Hindi (Devanagari). Each language has
short objectives ("Fill the pipeline", "Pipeline füllen", "パイプライン拡大"), methods of three or
four sentences with slots for a segment, a region and a number, metric names and units as sales
and marketing people write them ("MQL to SQL conversion", "%"), why-chain answers, ideas, data
definitions and buy-in comments.

Real plans grow their vocabulary with their size: every objective names its own accounts or
project (a made-up name in the language's script, ``proper_name``), so two objectives read alike
because they were written alike, not by chance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """One language's words; every ``{slot}`` in a template is filled from this language's lists."""

    code: str
    weight: int
    objectives: tuple[str, ...]
    closings: tuple[str, ...]  # a phrase that ends (or, in Japanese and Chinese, starts) a method sentence
    quarters: tuple[str, ...]
    owners: tuple[str, ...]
    methods: tuple[str, ...]
    accounts: str  # the sentence naming the objective's first accounts: {names}
    metrics: tuple[tuple[str, str, str], ...]  # (name, unit, report in the data source)
    segments: tuple[str, ...]
    regions: tuple[str, ...]
    roots: tuple[str, ...]  # why-chain starting statements: {team}
    answers: tuple[str, ...]  # why-chain answers: {segment}, {region}
    ideas: tuple[str, ...]  # candidate ideas: {segment}, {region}, {n}
    terms: tuple[tuple[str, str], ...]  # (term, definition): {n}
    comments: tuple[str, ...]
    syllables: tuple[str, ...]
    joiner: str = " "  # between made-up names; "、" in Japanese and Chinese
    closing_first: bool = False  # Japanese and Chinese put the phrase first: "第2四半期から、…"


SYSTEMS = ("Salesforce", "HubSpot", "Gainsight", "Looker", "Zendesk", "Gong", "Marketo", "SAP")

ENGLISH = Language(
    code="en",
    weight=52,
    objectives=(
        "Go outbound",
        "Fill the pipeline",
        "One funnel view",
        "Expand happy customers",
        "Clean hand-offs",
        "Own the category",
        "Win mid-market banks",
        "Grow partner pipeline",
        "Shorten sales cycles",
        "Double webinar signups",
        "Fix lead routing",
        "Launch self-serve trials",
        "Win back churned logos",
        "Price for value",
        "Build reference customers",
        "Land enterprise accounts",
        "Tighten the forecast",
        "Grow expansion revenue",
    ),
    closings=(
        "starting in {quarter}",
        "owned by {owner}",
        "with a weekly check-in",
        "reviewed with {owner} every month",
        "funded from the {owner} budget",
        "piloted {region} first",
        "measured against last year",
        "until the end of {quarter}",
        "with one page of rules",
        "written up in the team wiki",
    ),
    quarters=(
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "H2",
    ),
    owners=(
        "RevOps",
        "Field Marketing",
        "Sales Development",
        "Customer Success",
        "Partnerships",
        "Finance",
    ),
    methods=(
        "Stand up a {n}-person pod focused on {segment} {region} that match our ideal customer profile.",
        "Marketing builds the account lists and sequences for the top {n}0 accounts each quarter.",
        "Sales development books first meetings and hands them to account executives within a day.",
        "Every campaign carries a pipeline target agreed with Sales before launch.",
        "Lead scoring is rebuilt with Sales so only accounts that fit reach a rep.",
        "RevOps publishes a shared dashboard every Monday morning.",
        "Both teams review the numbers weekly, and again at the monthly business review.",
        "Customer Success flags expansion signals from health scores to the account owner each week.",
        "Every renewal conversation starts {n}0 days ahead with a joint success plan.",
        "We brief the analysts who cover {segment} {region} once a quarter.",
        "Partners co-sell into {segment} with a shared account map and one deal registration rule.",
        "Rejected leads go back to Marketing with a reason the same day.",
        "Pricing pages are tested against two packages for {segment}.",
        "A win-loss review runs after every deal above {n}0k€ in {region}.",
        "Field marketing hosts {n} executive dinners for {segment} {region} each half-year.",
        "Account executives run a mutual action plan on every opportunity above {n}0k€.",
        "The SDR team tests three new call openers for {segment} every sprint.",
        "Product marketing refreshes battlecards for our top {n} competitors each quarter.",
        "Enablement certifies every new hire on discovery calls within {n}0 days.",
        "Sales leadership inspects stalled deals {region} in a weekly pipeline call.",
        "Customer marketing turns {n} happy {segment} into published case studies.",
        "Territories {region} are redrawn around named accounts, not postcodes.",
    ),
    accounts="First accounts: {names}.",
    metrics=(
        ("Appointments booked", "meetings", "outbound activities report"),
        ("Opportunities from outbound", "opportunities", "pipeline by source"),
        ("Marketing-sourced pipeline", "M USD", "pipeline by source"),
        ("MQL to SQL conversion", "%", "lifecycle report"),
        ("Full-funnel pipeline coverage", "× quota", "pipeline dashboard"),
        ("Net revenue retention", "%", "NRR report"),
        ("Customer satisfaction (CSAT)", "%", "CSAT survey"),
        ("Leads routed within 5 minutes", "%", "lead routing log"),
        ("SQL acceptance rate", "%", "lead status history"),
        ("Time to first touch", "hours", "activity timestamps"),
        ("Share of voice", "%", "media monitoring"),
        ("Inbound leads", "leads", "new leads report"),
        ("Win rate", "%", "closed deals report"),
        ("Average deal size", "k€", "bookings report"),
        ("Sales cycle length", "days", "opportunity history"),
        ("Webinar attendees", "people", "event report"),
    ),
    segments=(
        "banks",
        "insurers",
        "retailers",
        "hospitals",
        "manufacturers",
        "utilities",
        "logistics firms",
        "software vendors",
        "public sector buyers",
        "universities",
    ),
    regions=("in DACH", "in the Nordics", "in Benelux", "in France", "in the UK", "in Iberia", "in the Gulf"),
    roots=(
        "{team} exists to close deals",
        "{team} exists to fill the funnel",
        "{team} exists to keep customers",
        "{team} exists to make every team faster",
    ),
    answers=(
        "To hit the revenue number we commit to each quarter",
        "So the company can plan hiring and spend with confidence",
        "So {segment} {region} see us as the safe choice",
        "To win customers who get real value from the product",
        "So customers stay and expand",
        "Because {segment} buy from vendors their peers trust",
        "So reps spend their time with buyers, not spreadsheets",
        "To grow predictable revenue {region}",
    ),
    ideas=(
        "Build {n}× pipeline coverage before every quarter starts",
        "Agree one MQL definition with Sales by 31 January 2027",
        "Start every renewal {n}0 days ahead with a joint success plan",
        "Book {n}80 outbound meetings with {segment} in Q1 2027",
        "Run a roadshow for {segment} {region}",
        "Publish a benchmark report on {segment}",
        "Give partners a deal registration portal",
        "Call every churned customer {region} this quarter",
    ),
    terms=(
        (
            "Sales qualified lead",
            "A lead from our ideal customer profile with a named buyer who agreed to a call.",
        ),
        (
            "Marketing qualified lead",
            "A lead whose score reaches {n}0: fit plus engagement in the last 30 days.",
        ),
        ("Pipeline coverage", "Open pipeline due this quarter, divided by the quarter's remaining quota."),
        ("Active customer", "An account with a paid contract and a login in the last {n}0 days."),
        ("Churn", "Annual recurring revenue lost when a contract ends and is not renewed."),
    ),
    comments=(
        "Only if Marketing owns the lead definition.",
        "The target is too high for Q1; make it H1.",
        "We have no headcount for this.",
        "Agree in principle; need the budget confirmed.",
        "Pod is hired; we start in week one.",
    ),
    syllables=(
        "ka",
        "lo",
        "mi",
        "ne",
        "ru",
        "sa",
        "te",
        "vo",
        "zi",
        "bu",
        "da",
        "fe",
        "go",
        "hi",
        "ju",
        "pe",
    ),
)

GERMAN = Language(
    code="de",
    weight=9,
    objectives=(
        "Pipeline füllen",
        "Neukunden gewinnen",
        "Übergaben klären",
        "Mittelstand erschließen",
        "Verlängerungen sichern",
        "Partnervertrieb ausbauen",
        "Marke stärken",
        "Prognose schärfen",
    ),
    closings=(
        "ab dem {quarter}",
        "verantwortet von {owner}",
        "mit einem wöchentlichen Abgleich",
        "zuerst {region} getestet",
        "gemessen am Vorjahr",
        "bis Ende {quarter}",
    ),
    quarters=(
        "ersten Quartal",
        "zweiten Quartal",
        "dritten Quartal",
        "vierten Quartal",
    ),
    owners=(
        "RevOps",
        "dem Vertrieb",
        "dem Marketing",
        "Customer Success",
    ),
    methods=(
        "Ein Team aus {n} Personen spricht gezielt {segment} {region} an.",
        "Das Marketing liefert jedes Quartal Zielkundenlisten für die größten {n}0 Accounts.",
        "Jede Kampagne hat ein mit dem Vertrieb abgestimmtes Pipeline-Ziel.",
        "RevOps veröffentlicht jeden Montag ein gemeinsames Dashboard.",
        "Beide Teams prüfen die Zahlen wöchentlich und im monatlichen Geschäftsbericht.",
        "Abgelehnte Leads gehen am selben Tag mit Begründung an das Marketing zurück.",
        "Jede Verlängerung beginnt {n}0 Tage vorher mit einem gemeinsamen Erfolgsplan.",
        "Partner verkaufen gemeinsam mit uns an {segment} mit einer Regel für Deal-Registrierung.",
    ),
    accounts="Erste Kunden: {names}.",
    metrics=(
        ("Vereinbarte Termine", "Termine", "Outbound-Aktivitäten"),
        ("Pipeline-Abdeckung", "× Quote", "Pipeline-Übersicht"),
        ("Abschlussquote", "%", "Abschlussbericht"),
        ("Kundenzufriedenheit", "%", "Zufriedenheitsumfrage"),
        ("Marketing-Pipeline", "Mio. €", "Pipeline nach Quelle"),
        ("Zeit bis zum Erstkontakt", "Stunden", "Aktivitätsprotokoll"),
    ),
    segments=("Banken", "Versicherer", "Maschinenbauer", "Stadtwerke", "Kliniken", "Händler"),
    regions=("in Österreich", "in der Schweiz", "in Bayern", "in Nordrhein-Westfalen", "im Großraum München"),
    roots=("{team} ist da, um Abschlüsse zu erzielen", "{team} ist da, um Kunden zu halten"),
    answers=(
        "Damit wir die Umsatzzusage jedes Quartal einhalten",
        "Damit {segment} {region} uns als sichere Wahl sehen",
        "Damit Kunden bleiben und mehr kaufen",
        "Weil {segment} bei Anbietern kaufen, denen ihresgleichen vertraut",
    ),
    ideas=(
        "Roadshow für {segment} {region}",
        "Partnerportal für Deal-Registrierung einführen",
        "{n}00 Erstgespräche mit {segment} im ersten Quartal",
        "Gemeinsame Lead-Definition bis Ende Januar",
    ),
    terms=(
        (
            "Vertriebsqualifizierter Lead",
            "Ein Lead aus unserem Zielkundenprofil mit einem benannten Entscheider.",
        ),
        ("Aktiver Kunde", "Ein Konto mit bezahltem Vertrag und einer Anmeldung in den letzten {n}0 Tagen."),
    ),
    comments=(
        "Nur wenn das Budget bestätigt ist.",
        "Das Ziel für Q1 ist zu hoch; lieber H1.",
        "Einverstanden, aber wir brauchen eine zusätzliche Stelle.",
    ),
    syllables=(
        "ba",
        "ck",
        "dö",
        "fe",
        "gu",
        "hä",
        "ke",
        "lü",
        "mo",
        "no",
        "ra",
        "sc",
        "tö",
        "ve",
        "wa",
        "ße",
    ),
)

FRENCH = Language(
    code="fr",
    weight=9,
    objectives=(
        "Remplir le pipeline",
        "Conquérir les ETI",
        "Fidéliser nos clients",
        "Accélérer les renouvellements",
        "Réussir le passage",
        "Développer les partenaires",
        "Gagner en notoriété",
    ),
    closings=(
        "à partir du {quarter}",
        "piloté par {owner}",
        "avec un point chaque semaine",
        "d’abord testé {region}",
        "mesuré par rapport à l’an dernier",
        "jusqu’à la fin du {quarter}",
    ),
    quarters=(
        "premier trimestre",
        "deuxième trimestre",
        "troisième trimestre",
        "second semestre",
    ),
    owners=(
        "RevOps",
        "les ventes",
        "le marketing",
        "le service client",
    ),
    methods=(
        "Une équipe de {n} personnes cible les {segment} {region} qui correspondent à notre client idéal.",
        "Le marketing prépare chaque trimestre les listes de comptes et les séquences des {n}0 premiers comptes.",
        "Chaque campagne porte un objectif de pipeline validé avec les ventes avant son lancement.",
        "RevOps publie un tableau de bord commun chaque lundi matin.",
        "Les deux équipes revoient les chiffres chaque semaine, puis à la revue mensuelle.",
        "Chaque renouvellement commence {n}0 jours avant l’échéance avec un plan de réussite partagé.",
        "Les leads refusés reviennent au marketing le jour même, avec une raison.",
        "Les partenaires co-vendent aux {segment} avec une règle unique d’enregistrement des affaires.",
    ),
    accounts="Premiers comptes : {names}.",
    metrics=(
        ("Rendez-vous obtenus", "rendez-vous", "activités de prospection"),
        ("Taux de conversion MQL → SQL", "%", "cycle de vie des leads"),
        ("Couverture du pipeline", "× quota", "tableau du pipeline"),
        ("Taux de rétention net", "%", "rapport de rétention"),
        ("Satisfaction client", "%", "enquête de satisfaction"),
        ("Délai de premier contact", "heures", "journal des activités"),
    ),
    segments=("banques", "assureurs", "distributeurs", "hôpitaux", "industriels", "collectivités"),
    regions=("en Île-de-France", "en Rhône-Alpes", "au Québec", "en Belgique", "en Suisse romande"),
    roots=("{team} existe pour signer des affaires", "{team} existe pour garder nos clients"),
    answers=(
        "Pour tenir l’engagement de chiffre d’affaires chaque trimestre",
        "Pour que les {segment} {region} nous voient comme le choix sûr",
        "Pour que les clients restent et achètent davantage",
        "Parce que les {segment} achètent à qui leurs pairs font confiance",
    ),
    ideas=(
        "Tournée clients pour les {segment} {region}",
        "Publier une étude de référence sur les {segment}",
        "{n}00 premiers rendez-vous au premier trimestre",
        "Définir ensemble le lead qualifié d’ici fin janvier",
    ),
    terms=(
        (
            "Lead qualifié ventes",
            "Un lead de notre profil client idéal, avec un décideur nommé qui a accepté un appel.",
        ),
        ("Client actif", "Un compte avec un contrat payé et une connexion dans les {n}0 derniers jours."),
    ),
    comments=(
        "D’accord si le budget est confirmé.",
        "L’objectif du T1 est trop élevé ; visons le S1.",
        "Il nous manque une personne pour tenir ce rythme.",
    ),
    syllables=(
        "ba",
        "cé",
        "do",
        "fè",
        "ga",
        "jé",
        "lu",
        "mo",
        "né",
        "pa",
        "ré",
        "sa",
        "té",
        "vo",
        "çe",
        "ôl",
    ),
)

RUSSIAN = Language(
    code="ru",
    weight=6,
    objectives=(
        "Наполнить воронку",
        "Выйти на банки",
        "Удержать клиентов",
        "Ускорить продления",
        "Развить партнёров",
        "Сократить цикл сделки",
    ),
    closings=(
        "начиная с {quarter}",
        "под ответственностью {owner}",
        "с еженедельной сверкой",
        "сначала {region}",
        "в сравнении с прошлым годом",
        "до конца {quarter}",
    ),
    quarters=(
        "первого квартала",
        "второго квартала",
        "третьего квартала",
        "второго полугодия",
    ),
    owners=(
        "RevOps",
        "отдела продаж",
        "маркетинга",
        "службы поддержки",
    ),
    methods=(
        "Команда из {n} человек работает с {segment} {region} из нашего профиля идеального клиента.",
        "Маркетинг каждый квартал готовит списки для {n}0 крупнейших аккаунтов.",
        "У каждой кампании есть цель по воронке, согласованная с отделом продаж.",
        "Отдел RevOps каждый понедельник публикует общую панель показателей.",
        "Обе команды еженедельно разбирают цифры и ещё раз на ежемесячном обзоре.",
        "Отклонённые лиды возвращаются в маркетинг в тот же день с причиной.",
        "Каждое продление начинается за {n}0 дней с совместного плана успеха.",
        "Партнёры продают {segment} вместе с нами по единому правилу регистрации сделок.",
        "После каждой крупной сделки {region} проводится разбор побед и поражений.",
    ),
    accounts="Первые клиенты: {names}.",
    metrics=(
        ("Назначенные встречи", "встреч", "отчёт об исходящих звонках"),
        ("Конверсия лида в сделку", "%", "история лидов"),
        ("Покрытие плана воронкой", "× плана", "панель воронки"),
        ("Удержание выручки", "%", "отчёт об удержании"),
    ),
    segments=("банками", "страховщиками", "ритейлерами", "производителями"),
    regions=("в Москве", "в Казахстане", "в Сербии", "на Урале"),
    roots=("{team} существует, чтобы закрывать сделки", "{team} существует, чтобы удерживать клиентов"),
    answers=(
        "Чтобы каждый квартал выполнять план по выручке",
        "Чтобы клиенты оставались и покупали больше",
        "Потому что клиенты {region} доверяют рекомендациям коллег",
    ),
    ideas=(
        "Серия встреч с {segment} {region}",
        "Общий портал для партнёров",
        "{n}00 первых встреч в первом квартале",
    ),
    terms=(
        (
            "Квалифицированный лид",
            "Лид из профиля идеального клиента с названным лицом, принимающим решения.",
        ),
    ),
    comments=("Согласен, если бюджет подтвердят.", "Цель на первый квартал слишком высока."),
    syllables=(
        "ба",
        "ве",
        "го",
        "да",
        "жу",
        "зи",
        "ка",
        "ло",
        "ми",
        "но",
        "пе",
        "ра",
        "су",
        "ты",
        "фё",
        "ща",
    ),
)

ARABIC = Language(
    code="ar",
    weight=5,
    objectives=("توسيع قاعدة العملاء", "زيادة المبيعات الإقليمية", "تحسين تجربة العملاء", "بناء شراكات قوية"),
    closings=(
        "ابتداءً من {quarter}",
        "بمسؤولية {owner}",
        "مع مراجعة أسبوعية",
        "بدءاً {region}",
        "مقارنة بالعام الماضي",
        "حتى نهاية {quarter}",
    ),
    quarters=(
        "الربع الأول",
        "الربع الثاني",
        "الربع الثالث",
        "النصف الثاني",
    ),
    owners=(
        "فريق المبيعات",
        "فريق التسويق",
        "فريق نجاح العملاء",
    ),
    methods=(
        "يركز فريق من {n} أشخاص على {segment} {region} المطابقين لملف العميل المثالي.",
        "يعد التسويق كل ربع قائمة بأكبر {n}0 حساباً مع رسائل مخصصة لكل حساب.",
        "لكل حملة هدف مبيعات متفق عليه مع فريق المبيعات قبل إطلاقها.",
        "تراجع الفرق الأرقام أسبوعياً ثم في المراجعة الشهرية.",
        "تعود العملاء المحتملون المرفوضون إلى التسويق في اليوم نفسه مع السبب.",
        "يبدأ كل تجديد قبل {n}0 يوماً بخطة نجاح مشتركة مع العميل.",
        "يبيع الشركاء إلى {segment} معنا وفق قاعدة واحدة لتسجيل الصفقات.",
        "تُراجع كل صفقة كبيرة {region} بعد إغلاقها لمعرفة أسباب الربح أو الخسارة.",
        "ينشر فريق العمليات لوحة مؤشرات مشتركة صباح كل اثنين.",
    ),
    accounts="أول العملاء: {names}.",
    metrics=(
        ("معدل الفوز بالصفقات", "%", "تقرير الصفقات المغلقة"),
        ("الاجتماعات المحجوزة", "اجتماع", "تقرير النشاط"),
        ("رضا العملاء", "%", "استبيان الرضا"),
        ("قيمة خط المبيعات", "مليون درهم", "خط المبيعات حسب المصدر"),
    ),
    segments=("البنوك", "شركات التأمين", "المستشفيات", "شركات الطيران"),
    regions=("في الإمارات", "في السعودية", "في مصر", "في المغرب"),
    roots=("{team} موجود لإغلاق الصفقات", "{team} موجود للحفاظ على العملاء"),
    answers=(
        "لتحقيق هدف الإيرادات في كل ربع",
        "حتى يبقى العملاء ويشتروا أكثر",
        "لأن {segment} {region} تشتري ممن يثق بهم نظراؤها",
    ),
    ideas=(
        "جولة لقاءات مع {segment} {region}",
        "بوابة لتسجيل صفقات الشركاء",
        "{n}00 اجتماع أول في الربع الأول",
    ),
    terms=(("عميل محتمل مؤهل", "عميل من ملف العميل المثالي لديه صاحب قرار مسمى وافق على مكالمة."),),
    comments=("موافق إذا تم تأكيد الميزانية.", "الهدف مرتفع جداً للربع الأول."),
    syllables=(
        "با",
        "تي",
        "جو",
        "دا",
        "ري",
        "سو",
        "فا",
        "قي",
        "كو",
        "لا",
        "مي",
        "نو",
        "ها",
        "وي",
        "يا",
        "زا",
    ),
)

HEBREW = Language(
    code="he",
    weight=4,
    objectives=("הגדלת צנרת המכירות", "שימור לקוחות", "כניסה לשוק הבנקאות", "קיצור מחזור המכירה"),
    closings=(
        "החל מ{quarter}",
        "באחריות {owner}",
        "עם בדיקה שבועית",
        "קודם {region}",
        "בהשוואה לשנה שעברה",
        "עד סוף {quarter}",
    ),
    quarters=(
        "הרבעון הראשון",
        "הרבעון השני",
        "הרבעון השלישי",
        "המחצית השנייה",
    ),
    owners=(
        "צוות המכירות",
        "צוות השיווק",
        "צוות הצלחת הלקוחות",
    ),
    methods=(
        "צוות של {n} אנשים מתמקד ב{segment} {region} שמתאימים לפרופיל הלקוח האידיאלי.",
        "השיווק מכין בכל רבעון רשימות של {n}0 הלקוחות הגדולים ביותר.",
        "לכל קמפיין יש יעד צנרת שסוכם עם המכירות לפני ההשקה.",
        "שני הצוותים סוקרים את המספרים מדי שבוע ובסקירה החודשית.",
        "לידים שנדחו חוזרים לשיווק באותו יום עם סיבה.",
        "כל חידוש מתחיל {n}0 ימים מראש עם תוכנית הצלחה משותפת.",
        "שותפים מוכרים ל{segment} יחד איתנו לפי כלל אחד לרישום עסקאות.",
        "אחרי כל עסקה גדולה {region} נערך תחקיר זכייה והפסד.",
        "צוות התפעול מפרסם לוח מחוונים משותף בכל יום שני בבוקר.",
    ),
    accounts="לקוחות ראשונים: {names}.",
    metrics=(
        ("שיעור זכייה בעסקאות", "%", "דוח עסקאות סגורות"),
        ("פגישות שנקבעו", "פגישות", "דוח פעילות יוצאת"),
        ("שביעות רצון לקוחות", "%", "סקר שביעות רצון"),
    ),
    segments=("בנקים", "חברות ביטוח", "בתי חולים", "קמעונאים"),
    regions=("בישראל", "בקפריסין", "ביוון"),
    roots=("{team} קיים כדי לסגור עסקאות", "{team} קיים כדי לשמר לקוחות"),
    answers=(
        "כדי לעמוד ביעד ההכנסות בכל רבעון",
        "כדי שלקוחות יישארו ויקנו יותר",
        "כי {segment} {region} קונים ממי שעמיתיהם סומכים עליו",
    ),
    ideas=(
        "סבב פגישות עם {segment} {region}",
        "פורטל רישום עסקאות לשותפים",
        "{n}00 פגישות ראשונות ברבעון הראשון",
    ),
    terms=(("ליד מוסמך למכירות", "ליד מפרופיל הלקוח האידיאלי עם מקבל החלטות בשם שהסכים לשיחה."),),
    comments=("מסכים אם התקציב יאושר.", "היעד לרבעון הראשון גבוה מדי."),
    syllables=(
        "בא",
        "גו",
        "די",
        "הו",
        "זה",
        "חי",
        "טו",
        "כה",
        "לי",
        "מו",
        "נא",
        "סי",
        "פו",
        "צה",
        "רי",
        "תו",
    ),
)

JAPANESE = Language(
    code="ja",
    closing_first=True,
    weight=6,
    objectives=(
        "パイプライン拡大",
        "既存顧客の維持",
        "金融業界の開拓",
        "商談期間の短縮",
        "パートナー販売強化",
    ),
    closings=(
        "{quarter}から",
        "{owner}の責任で",
        "毎週の確認会を設けて",
        "まず{region}で試行し",
        "前年と比較しながら",
        "{quarter}末までに",
    ),
    quarters=(
        "第1四半期",
        "第2四半期",
        "第3四半期",
        "下期",
    ),
    owners=(
        "営業部",
        "マーケティング部",
        "カスタマーサクセス部",
    ),
    methods=(
        "{n}名の専任チームが{region}の{segment}を中心に理想顧客プロファイルに合う企業へアプローチする。",
        "マーケティングは四半期ごとに上位{n}0社のリストとシーケンスを用意する。",
        "すべてのキャンペーンは開始前に営業と合意したパイプライン目標を持つ。",
        "両チームは毎週数字を確認し、月次レビューでも振り返る。",
        "不採用のリードは理由を添えて当日中にマーケティングへ戻す。",
        "すべての更新は{n}0日前に共同サクセスプランから始める。",
        "パートナーは共通の案件登録ルールのもとで{segment}へ共同販売する。",
        "{region}の大型案件はすべて受注後に勝敗分析を行う。",
    ),
    accounts="最初の顧客：{names}。",
    metrics=(
        ("商談化率", "%", "リードのライフサイクル"),
        ("アポイント獲得数", "件", "アウトバウンド活動"),
        ("受注率", "%", "受注レポート"),
        ("顧客満足度", "%", "満足度調査"),
    ),
    segments=("銀行", "保険会社", "製造業", "小売業"),
    regions=("東京", "大阪", "名古屋", "福岡"),
    roots=("{team}は受注のためにある", "{team}は顧客を守るためにある"),
    answers=(
        "毎四半期の売上目標を達成するため",
        "顧客が継続し、さらに購入するため",
        "{region}の{segment}は同業者が信頼する会社から買うから",
    ),
    ideas=(
        "{region}の{segment}向けセミナー",
        "パートナー向け案件登録ポータル",
        "第1四半期に{n}00件の初回商談",
    ),
    terms=(("営業適格リード", "理想顧客プロファイルに合い、決裁者が面談に同意したリード。"),),
    comments=("予算が確定すれば賛成です。", "第1四半期の目標は高すぎます。"),
    syllables=(
        "カ",
        "キ",
        "ク",
        "サ",
        "シ",
        "タ",
        "ナ",
        "ハ",
        "マ",
        "ミ",
        "ヤ",
        "ラ",
        "リ",
        "ワ",
        "ソ",
        "ノ",
    ),
    joiner="、",
)

CHINESE = Language(
    code="zh",
    closing_first=True,
    weight=4,
    objectives=("扩大销售管道", "提升客户留存", "开拓金融行业", "缩短销售周期"),
    closings=(
        "从{quarter}开始",
        "由{owner}负责",
        "每周复核一次",
        "先在{region}试点",
        "与去年同期对比",
        "在{quarter}结束前",
    ),
    quarters=(
        "第一季度",
        "第二季度",
        "第三季度",
        "下半年",
    ),
    owners=(
        "销售部",
        "市场部",
        "客户成功部",
    ),
    methods=(
        "由{n}人组成的团队专注于{region}符合理想客户画像的{segment}。",
        "市场部每季度为前{n}0个重点客户准备名单和触达序列。",
        "每项活动在启动前都有与销售部商定的管道目标。",
        "两个团队每周复盘数据，并在月度经营会上再次回顾。",
        "每次续约提前{n}0天启动联合成功计划。",
        "合作伙伴按统一的报单规则与我们共同向{segment}销售。",
        "{region}的每笔大单结束后都要做输赢复盘。",
        "运营部每周一早上发布共享看板。",
    ),
    accounts="首批客户：{names}。",
    metrics=(
        ("赢单率", "%", "成交报告"),
        ("预约会议数", "次", "外呼活动报告"),
        ("客户满意度", "%", "满意度调查"),
    ),
    segments=("银行", "保险公司", "制造企业", "零售商"),
    regions=("上海", "深圳", "新加坡", "香港"),
    roots=("{team}的存在是为了成交", "{team}的存在是为了留住客户"),
    answers=(
        "为了每个季度完成收入目标",
        "让客户留下来并购买更多",
        "因为{region}的{segment}更信任同行推荐的供应商",
    ),
    ideas=("{region}{segment}客户巡回会", "合作伙伴报单门户", "第一季度完成{n}00次首次拜访"),
    terms=(("销售合格线索", "符合理想客户画像、且有具名决策人同意通话的线索。"),),
    comments=("预算确认后同意。", "第一季度目标过高。"),
    syllables=(
        "安",
        "博",
        "成",
        "达",
        "恒",
        "华",
        "嘉",
        "康",
        "隆",
        "明",
        "宁",
        "瑞",
        "盛",
        "泰",
        "鑫",
        "远",
    ),
    joiner="、",
)

HINDI = Language(
    code="hi",
    weight=5,
    objectives=("पाइपलाइन बढ़ाना", "ग्राहक बनाए रखना", "बैंकिंग बाज़ार जीतना", "बिक्री चक्र छोटा करना"),
    closings=(
        "{quarter} से शुरू करके",
        "{owner} की ज़िम्मेदारी में",
        "हर सप्ताह की समीक्षा के साथ",
        "पहले {region} में",
        "पिछले साल की तुलना में",
        "{quarter} के अंत तक",
    ),
    quarters=(
        "पहली तिमाही",
        "दूसरी तिमाही",
        "तीसरी तिमाही",
        "दूसरी छमाही",
    ),
    owners=(
        "सेल्स टीम",
        "मार्केटिंग टीम",
        "कस्टमर सक्सेस टीम",
    ),
    methods=(
        "{n} लोगों की टीम {region} के {segment} पर ध्यान देती है जो हमारे आदर्श ग्राहक जैसे हैं।",
        "मार्केटिंग हर तिमाही शीर्ष {n}0 खातों की सूची तैयार करती है।",
        "हर अभियान का पाइपलाइन लक्ष्य शुरू होने से पहले सेल्स के साथ तय होता है।",
        "दोनों टीमें हर सप्ताह और मासिक समीक्षा में आंकड़े देखती हैं।",
        "हर नवीनीकरण {n}0 दिन पहले साझा सफलता योजना के साथ शुरू होता है।",
        "साझेदार एक ही सौदा पंजीकरण नियम के साथ {segment} को हमारे साथ बेचते हैं।",
        "{region} के हर बड़े सौदे के बाद जीत-हार की समीक्षा होती है।",
        "रेवऑप्स हर सोमवार सुबह साझा डैशबोर्ड प्रकाशित करता है।",
    ),
    accounts="पहले ग्राहक: {names}।",
    metrics=(
        ("सौदे जीतने की दर", "%", "बंद सौदों की रिपोर्ट"),
        ("तय बैठकें", "बैठकें", "गतिविधि रिपोर्ट"),
        ("ग्राहक संतुष्टि", "%", "संतुष्टि सर्वेक्षण"),
    ),
    segments=("बैंकों", "बीमा कंपनियों", "अस्पतालों", "निर्माताओं"),
    regions=("मुंबई", "बेंगलुरु", "दिल्ली", "पुणे"),
    roots=("{team} सौदे पूरे करने के लिए है", "{team} ग्राहकों को बनाए रखने के लिए है"),
    answers=(
        "ताकि हर तिमाही राजस्व लक्ष्य पूरा हो",
        "ताकि ग्राहक बने रहें और ज़्यादा खरीदें",
        "क्योंकि {region} के {segment} भरोसेमंद साथियों की सलाह मानते हैं",
    ),
    ideas=(
        "{region} के {segment} के लिए रोडशो",
        "साझेदारों के लिए सौदा पंजीकरण पोर्टल",
        "पहली तिमाही में {n}00 पहली बैठकें",
    ),
    terms=(("बिक्री योग्य लीड", "आदर्श ग्राहक प्रोफ़ाइल की लीड, जिसमें निर्णयकर्ता ने कॉल के लिए हामी भरी हो।"),),
    comments=("बजट तय हो तो सहमत।", "पहली तिमाही का लक्ष्य बहुत ऊँचा है।"),
    syllables=("का", "की", "गो", "चा", "जी", "टा", "डी", "ता", "दे", "ना", "पी", "मा", "रा", "ली", "वा", "सी"),
)

LANGUAGES = (ENGLISH, GERMAN, FRENCH, RUSSIAN, ARABIC, HEBREW, JAPANESE, CHINESE, HINDI)

#: Leaders of an international room: (name, title), in several scripts.
LEADERS = (
    ("Maya Okafor", "VP Sales"),
    ("Jürgen Weiß", "Leiter Vertrieb DACH"),
    ("Chloé Lefèvre", "Directrice Marketing"),
    ("Ольга Смирнова", "Head of Customer Success"),
    ("ليلى حداد", "Director, Partnerships"),
    ("נועה לוי", "Head of Revenue Operations"),
    ("佐藤 花子", "Marketing Manager, Japan"),
    ("王芳", "Sales Director, Greater China"),
    ("प्रिया शर्मा", "Head of Sales Development"),
    ("Daniel Kim", "VP Marketing"),
    ("Tomás García", "Field Marketing Lead"),
    ("Ingrid Berg", "Director, Customer Success"),
    ("Kwame Mensah", "Senior Manager, Sales"),
    ("Aiko Tanaka", "Product Marketing Lead"),
)


def pick_language(rng: random.Random) -> Language:
    """A language, English most often."""
    return rng.choices(LANGUAGES, [language.weight for language in LANGUAGES])[0]


def proper_name(language: Language, index: int) -> str:
    """A made-up name in ``language``'s script, different for every ``index`` below 16⁴."""
    index = (index * 40503 + 12345) % 65536  # a shuffle of 0..16⁴-1: neighbours look unrelated
    syllables = []
    for _ in range(4):
        index, digit = divmod(index, len(language.syllables))
        syllables.append(language.syllables[digit])
    name = "".join(syllables)
    return name[:1].upper() + name[1:]


def fill(rng: random.Random, language: Language, template: str) -> str:
    """``template`` with its slots filled from ``language``'s lists."""
    return template.format(
        segment=rng.choice(language.segments),
        region=rng.choice(language.regions),
        n=rng.randint(2, 9),
        quarter=rng.choice(language.quarters),
        owner=rng.choice(language.owners),
        team="{team}",
    )


def method_sentence(rng: random.Random, language: Language, template: str) -> str:
    """One sentence of a method: ``template`` filled, with a closing phrase (when, who, how measured)
    that people add to a sentence they have written before ("…, owned by RevOps.")."""
    sentence = fill(rng, language, template)
    closing = fill(rng, language, rng.choice(language.closings))
    if language.closing_first:
        return f"{closing}{'，' if language.code == 'zh' else '、'}{sentence}"
    stop = sentence[-1]
    comma = "،" if language.code == "ar" else ","
    return f"{sentence[:-1]}{comma} {closing}{stop}"
