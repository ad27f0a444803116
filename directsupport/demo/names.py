"""Name pools for a diverse London borough, used for relatives, friends and the scale data.

Each heritage has women's and men's first names and a few family names, so that a person's
mum, brother or aunt get names that belong in the same family. Everyone is fictional.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    women: tuple[str, ...]
    men: tuple[str, ...]
    family_names: tuple[str, ...]


def _pool(women: str, men: str, family_names: str) -> NamePool:
    return NamePool(
        tuple(women.split(", ")), tuple(men.split(", ")), tuple(family_names.split(", "))
    )


NAME_POOLS: dict[str, NamePool] = {
    "igbo": _pool(
        "Ngozi, Chioma, Adaeze, Ifeoma, Nneka, Uchenna, Amaka",
        "Chukwuemeka, Obinna, Ikenna, Chidi, Nnamdi, Emeka, Kelechi",
        "Okafor, Nwosu, Eze, Okoro, Obi, Nwachukwu",
    ),
    "yoruba": _pool(
        "Folake, Bisi, Yetunde, Funmilayo, Adeola, Titilayo, Kemi",
        "Olumide, Tunde, Femi, Segun, Babatunde, Dayo, Kayode",
        "Adeyemi, Bakare, Ogunleye, Adebayo, Oladipo, Afolabi",
    ),
    "ghanaian": _pool(
        "Akosua, Abena, Efua, Adwoa, Ama, Yaa, Esi",
        "Kwabena, Kofi, Kwame, Yaw, Kwesi, Samuel, Emmanuel",
        "Boateng, Mensah, Osei, Owusu, Asante, Agyeman",
    ),
    "bangladeshi": _pool(
        "Rukhsana, Shirin, Nazma, Salma, Jahanara, Taslima, Rehana",
        "Abdul, Shahid, Rafiq, Jamal, Anwar, Habib, Rashid",
        "Rahman, Begum, Miah, Uddin, Ahmed, Khatun",
    ),
    "pakistani": _pool(
        "Nasreen, Samina, Ayesha, Bushra, Shazia, Zainab, Farzana",
        "Tariq, Imran, Bilal, Asif, Usman, Khalid, Zubair",
        "Mahmood, Akhtar, Ali, Hussain, Iqbal, Qureshi",
    ),
    "punjabi": _pool(
        "Harpreet, Manjit, Jasvinder, Gurpreet, Simran, Amrit, Kuldeep",
        "Harjit, Jaswinder, Gurdev, Baljit, Ranjit, Amarjit, Sukhdev",
        "Singh, Kaur, Gill, Sandhu, Dhillon, Sidhu",
    ),
    "gujarati": _pool(
        "Anjali, Hetal, Bhavna, Nisha, Rekha, Priti, Kajal",
        "Nilesh, Hitesh, Jayesh, Ketan, Rajesh, Dipak, Mahesh",
        "Patel, Shah, Mistry, Chauhan, Parmar, Desai",
    ),
    "indian": _pool(
        "Meera, Kavita, Sunita, Pooja, Lakshmi, Deepa, Asha",
        "Arjun, Vikram, Sanjay, Rohan, Amit, Suresh, Rahul",
        "Mehta, Sharma, Kapoor, Iyer, Nair, Joshi",
    ),
    "tamil": _pool(
        "Kavitha, Tharani, Vasuki, Nirmala, Sumathi, Jeyanthi, Mathuri",
        "Ravi, Suthan, Kannan, Prakash, Senthil, Murali, Gobi",
        "Subramaniam, Sivakumar, Rajendran, Thevarajah, Kandiah, Nadarajah",
    ),
    "caribbean": _pool(
        "Shanice, Marcia, Beverley, Paulette, Jasmine, Tanisha, Claudette",
        "Jamal, Desmond, Leon, Winston, Delroy, Marlon, Tyrone",
        "Campbell, Williams, Thompson, Francis, Brown, Richards",
    ),
    "irish": _pool(
        "Siobhan, Bridget, Aoife, Niamh, Margaret, Mairead, Kathleen",
        "Patrick, Kieran, Sean, Declan, Connor, Liam, Brendan",
        "Murphy, O'Brien, Doyle, Walsh, Kelly, Fitzgerald",
    ),
    "english": _pool(
        "Emily, Chloe, Bethany, Sophie, Kayleigh, Sarah, Jean",
        "George, Daniel, Callum, Ben, James, Michael, Alan",
        "Hart, Bennett, Clarke, Turner, Brooks, Fletcher",
    ),
    "scottish": _pool(
        "Fiona, Morag, Eilidh, Catriona, Isla, Shona, Kirsty",
        "Callum, Hamish, Ewan, Alasdair, Ross, Fraser, Stuart",
        "Reid, Campbell, MacLeod, Fraser, Stewart, Robertson",
    ),
    "polish": _pool(
        "Agnieszka, Katarzyna, Magdalena, Joanna, Ewa, Zofia, Marta",
        "Tomasz, Marek, Piotr, Krzysztof, Paweł, Jakub, Andrzej",
        "Nowak, Wiśniewski, Kowalska, Lewandowski, Zielińska, Wójcik",
    ),
    "romanian": _pool(
        "Natalia, Ioana, Elena, Andreea, Mihaela, Cristina, Roxana",
        "Andrei, Mihai, Florin, Bogdan, Ionuț, Adrian, Cătălin",
        "Popescu, Ionescu, Dumitru, Stan, Constantin, Munteanu",
    ),
    "somali": _pool(
        "Hodan, Fadumo, Sahra, Ayan, Hibo, Ifrah, Amina",
        "Hamza, Abdirahman, Mahad, Abdi, Yusuf, Omar, Liban",
        "Yusuf, Warsame, Farah, Abdi, Jama, Hassan",
    ),
    "eritrean": _pool(
        "Selam, Helen, Senait, Mebrat, Luwam, Yordanos, Saba",
        "Yohannes, Dawit, Tesfay, Samuel, Robel, Mussie, Filmon",
        "Tesfaye, Ghebre, Haile, Berhane, Kidane, Woldu",
    ),
    "turkish": _pool(
        "Ayşe, Elif, Zeynep, Fatma, Emine, Derya, Selin",
        "Mehmet, Kemal, Hasan, Emre, Murat, Serkan, Ali",
        "Demir, Yılmaz, Kaya, Aydın, Çelik, Şahin",  # noqa: RUF001 (Turkish dotless i)
    ),
    "greek_cypriot": _pool(
        "Eleni, Maria, Androulla, Christina, Despina, Katerina, Sophia",
        "George, Andreas, Costas, Michael, Nicos, Panayiotis, Stelios",
        "Constantinou, Georgiou, Christodoulou, Ioannou, Demetriou, Charalambous",
    ),
    "chinese": _pool(
        "Lucy, Mei Lin, Wing, Li Na, Xiao Hong, Ling, Grace",
        "Wei, Jun, Kenny, Hao, Ming, Chun, Peter",
        "Chen, Wong, Li, Zhang, Lam, Cheung",
    ),
    "vietnamese": _pool(
        "Linh, Thu, Hoa, Mai, Lan, Huong, Ngoc",
        "Vincent, Minh, Tuan, Duc, Hung, Quang, Long",
        "Nguyen, Tran, Le, Pham, Hoang, Vu",
    ),
    "filipino": _pool(
        "Maria Cristina, Rosario, Maricel, Jocelyn, Liza, Analyn, Teresita",
        "Jose, Ramon, Eduardo, Mark, Paolo, Rodel, Arnel",
        "Reyes, Santos, Cruz, Bautista, Garcia, Mendoza",
    ),
    "portuguese": _pool(
        "Rosa, Ana, Fernanda, Inês, Sofia, Beatriz, Carla",
        "João, Rui, Tiago, Paulo, Nuno, Luís, Miguel",
        "Silva, Ferreira, Costa, Pereira, Sousa, Rodrigues",
    ),
    "italian": _pool(
        "Giulia, Francesca, Lucia, Rosaria, Carmela, Anna, Paola",
        "Anthony, Marco, Salvatore, Giovanni, Luca, Franco, Vincenzo",
        "Russo, Esposito, Romano, Bianchi, Ricci, De Luca",
    ),
    "jewish": _pool(
        "Hannah, Ruth, Miriam, Rachel, Naomi, Esther, Leah",
        "David, Daniel, Joshua, Benjamin, Simon, Adam, Jonathan",
        "Goldberg, Abrahams, Cohen, Levy, Rosen, Shapiro",
    ),
    "iranian": _pool(
        "Shirin, Maryam, Leila, Parisa, Nasrin, Roya, Azadeh",
        "Darius, Reza, Kourosh, Babak, Arash, Omid, Farhad",
        "Rezaei, Hosseini, Ahmadi, Karimi, Mohammadi, Tehrani",
    ),
    "kenyan": _pool(
        "Wanjiru, Njeri, Achieng, Wambui, Akinyi, Nyambura, Faith",
        "Joseph, Kamau, Otieno, Mwangi, Kiprono, Brian, Dennis",
        "Mwangi, Otieno, Kamau, Njoroge, Wanjala, Odhiambo",
    ),
    "zimbabwean": _pool(
        "Precious, Tendai, Rutendo, Chipo, Nyasha, Fadzai, Tsitsi",
        "Tatenda, Farai, Tinashe, Blessing, Kudakwashe, Simba, Takudzwa",
        "Moyo, Ncube, Dube, Sibanda, Chikwanha, Mutasa",
    ),
    "guinean": _pool(
        "Mariama, Aissatou, Fatoumata, Kadiatou, Hawa, Binta, Oumou",
        "Ibrahim, Mamadou, Alpha, Ousmane, Thierno, Abdoulaye, Sekou",
        "Diallo, Barry, Bah, Sow, Camara, Baldé",
    ),
}

HERITAGES: tuple[str, ...] = tuple(NAME_POOLS)


# Heritages whose names a friend from each place of worship is drawn from.
FAITH_HERITAGES: dict[str, tuple[str, ...]] = {
    "church": (
        "igbo", "yoruba", "ghanaian", "caribbean", "irish", "english", "polish", "romanian",
        "eritrean", "greek_cypriot", "filipino", "portuguese", "italian", "kenyan", "zimbabwean",
    ),
    "mosque": ("bangladeshi", "pakistani", "somali", "turkish", "guinean", "iranian"),
    "gurdwara": ("punjabi",),
    "temple": ("gujarati", "indian", "tamil"),
    "synagogue": ("jewish",),
}  # fmt: skip


def first_name(rng: random.Random, heritage: str, sex: str, taken: set[str] | None = None) -> str:
    """A first name nobody else in this circle has (a family rarely repeats one)."""
    pool = NAME_POOLS[heritage]
    choices = pool.women if sex == "f" else pool.men
    fresh = [name for name in choices if name not in (taken or set())]
    name = rng.choice(fresh or choices)
    if taken is not None:
        taken.add(name)
    return name


def family_name(rng: random.Random, heritage: str) -> str:
    return rng.choice(NAME_POOLS[heritage].family_names)


def anyone(
    rng: random.Random,
    *,
    taken: set[str] | None = None,
    heritages: tuple[str, ...] = HERITAGES,
) -> str:
    """A full name from anywhere in the borough: friends, neighbours, professionals."""
    heritage = rng.choice(heritages)
    sex = rng.choice("fm")
    return f"{first_name(rng, heritage, sex, taken)} {family_name(rng, heritage)}"
