"""The 55 people Willowbrook Support supports in the demo, and how each of them communicates.

Everyone here is fictional. Each line is one person; details that vary from run to run are not
allowed (seeding must be repeatable), so birthdays come from a seeded random generator and the
age is counted at 1 January 2026.
"""

from __future__ import annotations

from dataclasses import dataclass

from directsupport.people.models import PreferredFormat, Stage


@dataclass(frozen=True)
class CommunicationProfile:
    communicates_by: str
    communicate_with_me: str
    communication_support: str = ""


# Accessible Information Standard wording, in the voice of the person. "{language}" is filled in
# for people whose first language is not English.
COMMUNICATION: dict[str, CommunicationProfile] = {
    "full_sentences": CommunicationProfile(
        "I speak in full sentences and I love a chat.",
        "Talk to me like you would anyone else. If it is important, check I have understood.",
    ),
    "short_makaton": CommunicationProfile(
        "I speak in short sentences and use Makaton signs for words that are hard to say.",
        "Use short sentences and sign the key words in Makaton. Give me time to answer.",
        "People who know Makaton",
    ),
    "ipad_aac": CommunicationProfile(
        "I use a communication app on my iPad to make sentences. I nod for yes and shake my "
        "head for no.",
        "Ask one question at a time and wait: it can take me a minute to find the words on my "
        "iPad. Please do not finish my sentences for me.",
        "My iPad with its communication app, charged and with me",
    ),
    "bsl": CommunicationProfile(
        "I am Deaf. British Sign Language is my first language. I lip-read a little.",
        "Book a BSL interpreter for meetings. Face me and do not cover your mouth. If there is "
        "no interpreter, write things down in short sentences.",
        "BSL interpreter",
    ),
    "nonverbal_objects": CommunicationProfile(
        "I do not use words. I use gestures, my face and objects of reference: a cup means a "
        "drink, my swimming bag means swimming.",
        "Show me the object for what is happening next. Watch my face and hands: smiling and "
        "rocking means I am happy, pushing things away means no.",
        "People who know me well, and my objects of reference bag",
    ),
    "overwhelmed": CommunicationProfile(
        "I speak well, but too many words, too much noise or too many people overwhelm me.",
        "Keep it short and calm, one thing at a time. Write it down so I can look again later. "
        "A quiet room, please.",
    ),
    "pictures_pecs": CommunicationProfile(
        "I use some words and point to photos and symbols in my picture book.",
        "Use pictures with your words. Show me choices with two photos at a time.",
        "My picture symbol book",
    ),
    "second_language": CommunicationProfile(
        "I speak {language} at home and some English. I understand more English than I speak.",
        "Use simple English and check I have understood. Big meetings are better with someone "
        "who speaks {language}.",
        "{language} interpreter for important meetings",
    ),
    "visual_impairment": CommunicationProfile(
        "I speak clearly. I am partially sighted.",
        "Tell me who is in the room. Give me papers in large print (size 20 or bigger).",
        "Large print, and a magnifier for small writing",
    ),
    "reading_difficulty": CommunicationProfile(
        "I am chatty and confident when I talk, but I find reading hard.",
        "Read letters out to me, or send me a voice note instead.",
    ),
    "autistic": CommunicationProfile(
        "I am autistic. I speak, and sometimes I use lines from my favourite TV shows to say "
        "how I feel.",
        "Say exactly what you mean. Tell me about changes well before they happen.",
        "A visual timetable for the day",
    ),
    "hearing_older": CommunicationProfile(
        "I speak in short sentences. My hearing is getting worse and I wear hearing aids.",
        "Face me and speak clearly, not loudly. Check my hearing aids are in first.",
    ),
}


@dataclass(frozen=True)
class PersonSpec:
    first_name: str
    preferred_name: str
    last_name: str
    sex: str  # "f" or "m": only to give relatives fitting names ("my mum", "his brother").
    heritage: str  # a key of names.NAME_POOLS, for relatives' names
    age: int  # on 1 January 2026
    area: str
    stage: str
    communication: str  # a key of COMMUNICATION, optionally ":Language"
    preferred_format: str
    home: str  # family, flat, supported (supported living) or shared_lives
    faith: str  # church, mosque, gurdwara, temple, synagogue or ""
    interests: tuple[str, ...]
    login_email: str  # their own sign-in, or ""

    @property
    def called(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def communication_key(self) -> str:
        return self.communication.split(":")[0]

    @property
    def language(self) -> str:
        return self.communication.partition(":")[2]


_STAGES = {
    "started": Stage.GETTING_STARTED,
    "planning": Stage.PLANNING,
    "shaping": Stage.MARKET_SHAPING,
    "isf": Stage.ISF_LIVE,
}
_FORMATS = {
    "easy": PreferredFormat.EASY_READ,
    "standard": PreferredFormat.STANDARD,
    "large": PreferredFormat.LARGE_PRINT,
    "aloud": PreferredFormat.READ_ALOUD,
}

# first | preferred | last | sex | heritage | age | area | stage | communication | format | home
# | faith | interests | login
_PEOPLE = """
Adaeze|Dee|Okafor|f|igbo|34|Northfield|planning|short_makaton|easy|flat|church|music,dance|dee.okafor@example.org
Mohammed|Mo|Rahman|m|bangladeshi|27|Brookwick|shaping|second_language:Bengali|aloud|family|mosque|cricket,computer_games|
Shanice||Campbell|f|caribbean|31|Kingsmere|isf|full_sentences|standard|flat|church|dance,cooking|shanice.campbell@example.org
Tomasz||Nowak|m|polish|42|Marsh Green|planning|overwhelmed|easy|supported||fishing,bus_trips|
Margaret|Peggy|O'Brien|f|irish|78|St Ansell's|planning|hearing_older|large|supported|church|bowls,music|
Hamza||Yusuf|m|somali|22|Hollowfield Central|shaping|ipad_aac|easy|family|mosque|football,swimming|
Anjali||Patel|f|gujarati|29|Ashby Vale|planning|pictures_pecs|easy|family|temple|dance,cooking|
Daniel||Mensah|m|ghanaian|38|Northfield|shaping|bsl|standard|flat|church|football,computer_games|
Emily||Hart|f|english|24|Ashby Vale|started|autistic|standard|family||animals,art|
George||Constantinou|m|greek_cypriot|56|Kingsmere|isf|full_sentences|standard|flat|church|football,cooking|
Ayşe||Demir|f|turkish|26|Brookwick|planning|short_makaton|easy|family||art,swimming|
Kwabena|Kobby|Boateng|m|ghanaian|45|Marsh Green|shaping|reading_difficulty|aloud|shared_lives|church|music,gardening|
Siobhan||Murphy|f|irish|51|St Ansell's|shaping|visual_impairment|large|flat|church|music,library|
Ravi||Subramaniam|m|tamil|33|Hollowfield Central|planning|nonverbal_objects|aloud|family|temple|swimming,bus_trips|
Fatima||Begum|f|bangladeshi|40|Brookwick|planning|second_language:Bengali|easy|family|mosque|cooking,gardening|
Jamal||Williams|m|caribbean|19|Kingsmere|started|full_sentences|standard|family||basketball,music|jamal.williams@example.org
Lucy||Chen|f|chinese|28|Northfield|shaping|overwhelmed|easy|flat||art,library|
Patrick|Paddy|Doyle|m|irish|67|Marsh Green|isf|hearing_older|large|flat|church|fishing,music|
Amara||Nwosu|f|igbo|23|Ashby Vale|planning|ipad_aac|aloud|family|church|dance,swimming|
Abdirahman|Abdi|Warsame|m|somali|36|Hollowfield Central|shaping|short_makaton|easy|supported|mosque|football,cooking|
Chloe||Bennett|f|english|20|Kingsmere|started|pictures_pecs|easy|family||animals,dance|
Marek||Wiśniewski|m|polish|47|Brookwick|shaping|full_sentences|standard|flat|church|cycling,fishing|
Grace||Adeyemi|f|yoruba|58|Northfield|isf|reading_difficulty|aloud|flat|church|church_choir,cooking|grace.adeyemi@example.org
Harjit|Harry|Gill|m|punjabi|44|Ashby Vale|planning|autistic|easy|family|gurdwara|cricket,bus_trips|
Bethany|Beth|Clarke|f|english|35|St Ansell's|shaping|short_makaton|easy|supported||drama,gardening|
Tariq||Mahmood|m|pakistani|30|Brookwick|planning|nonverbal_objects|easy|family|mosque|swimming,music|
Rosa||Silva|f|portuguese|49|Marsh Green|shaping|second_language:Portuguese|easy|flat|church|cooking,dance|
Kieran||Walsh|m|irish|25|Kingsmere|planning|overwhelmed|easy|flat||football,computer_games|kieran.walsh@example.org
Mei Lin||Wong|f|chinese|62|Hollowfield Central|shaping|visual_impairment|large|supported||library,gardening|
Olumide|Olu|Bakare|m|yoruba|27|Northfield|shaping|bsl|easy|family|church|boxing,football|
Natalia||Popescu|f|romanian|32|Brookwick|planning|pictures_pecs|easy|family|church|art,animals|
Desmond|Des|Thompson|m|caribbean|71|St Ansell's|isf|hearing_older|large|flat|church|bowls,cricket|
Zainab||Ali|f|pakistani|21|Ashby Vale|started|ipad_aac|easy|family|mosque|art,swimming|
Samuel|Sammy|Osei|m|ghanaian|39|Marsh Green|planning|short_makaton|easy|supported|church|football,music|
Hannah||Goldberg|f|jewish|46|Kingsmere|shaping|full_sentences|large|flat|synagogue|drama,library|hannah.goldberg@example.org
Yohannes||Tesfaye|m|eritrean|29|Hollowfield Central|shaping|second_language:Tigrinya|aloud|shared_lives|church|football,cycling|
Sophie||Turner|f|english|53|Northfield|planning|nonverbal_objects|aloud|supported||music,swimming|
Arjun||Mehta|m|indian|24|Ashby Vale|planning|overwhelmed|standard|family|temple|cricket,computer_games|
Bridget|Bridie|Kelly|f|irish|74|Marsh Green|shaping|reading_difficulty|aloud|flat|church|bowls,gardening|
Leon||Francis|m|caribbean|33|Brookwick|isf|autistic|standard|flat||basketball,music|
Nasreen||Akhtar|f|pakistani|37|Kingsmere|planning|short_makaton|easy|family|mosque|cooking,art|
Callum||Reid|m|scottish|28|St Ansell's|shaping|full_sentences|standard|flat||football,cycling|
Jasvinder|Jas|Kaur|f|punjabi|26|Ashby Vale|shaping|pictures_pecs|easy|family|gurdwara|dance,cooking|
Vincent||Nguyen|m|vietnamese|41|Hollowfield Central|planning|ipad_aac|easy|supported||swimming,computer_games|
Eleni||Georgiou|f|greek_cypriot|65|Kingsmere|shaping|visual_impairment|large|family|church|cooking,music|
Joseph|Joe|Mwangi|m|kenyan|30|Northfield|started|overwhelmed|standard|flat|church|football,animals|
Kayleigh||Brooks|f|english|22|Marsh Green|planning|short_makaton|easy|family||dance,animals|
Ibrahim||Diallo|m|guinean|35|Brookwick|shaping|second_language:French|aloud|supported|mosque|football,cooking|
Ruth||Abrahams|f|jewish|60|St Ansell's|isf|full_sentences|standard|flat|synagogue|library,gardening|
Connor||Fitzgerald|m|irish|19|Ashby Vale|started|nonverbal_objects|easy|family||swimming,bus_trips|
Precious||Moyo|f|zimbabwean|43|Northfield|shaping|reading_difficulty|aloud|flat|church|church_choir,cooking|
Darius||Rezaei|m|iranian|27|Kingsmere|planning|autistic|standard|family||computer_games,cycling|
Maria Cristina|Tina|Reyes|f|filipino|55|Hollowfield Central|shaping|short_makaton|easy|supported|church|music,dance|
Elijah||Okoro|m|igbo|31|Hollowfield Central|planning|pictures_pecs|easy|family|church|football,boxing|
Anthony|Tony|Russo|m|italian|59|Hollowfield Central|isf|hearing_older|large|flat|church|bowls,cooking|
"""  # noqa: E501


def _parse(line: str) -> PersonSpec:
    cells = line.split("|")
    return PersonSpec(
        first_name=cells[0],
        preferred_name=cells[1],
        last_name=cells[2],
        sex=cells[3],
        heritage=cells[4],
        age=int(cells[5]),
        area=cells[6],
        stage=_STAGES[cells[7]],
        communication=cells[8],
        preferred_format=_FORMATS[cells[9]],
        home=cells[10],
        faith=cells[11],
        interests=tuple(cells[12].split(",")),
        login_email=cells[13],
    )


PEOPLE: tuple[PersonSpec, ...] = tuple(
    _parse(line) for line in _PEOPLE.strip().splitlines() if line.strip()
)


def communication_for(spec: PersonSpec) -> CommunicationProfile:
    profile = COMMUNICATION[spec.communication_key]
    language = spec.language
    return CommunicationProfile(
        profile.communicates_by.format(language=language),
        profile.communicate_with_me.format(language=language),
        profile.communication_support.format(language=language),
    )
