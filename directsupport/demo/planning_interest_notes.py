"""What people said about each demo interest (``planning_notes_data`` explains the format)."""

from __future__ import annotations

from .planning_notes_data import parse_lines

_INTERESTS = """
[music]
admire any|{He} knows every word of every song on the radio, and the harmonies too.
admire pro|At music group {he} keeps the whole room in time on the drums.
important me|My music. I have it on from the minute I wake up.
important me|Music group at Riverside Days on Wednesdays.
important any|{His} headphones and {his} playlists. Don't touch the playlists!
places me|Karaoke night at the Crown on Crown Street.
places any|The music group at Riverside Days, Wednesday mornings.
places any|The free concerts in Kingsmere Park in the summer.
tick me|Dancing to loud music in my kitchen.
tick any|A new song to learn. {He} plays it over and over until {he} has it.
gifts any|A natural sense of rhythm. {He} can pick up any drum beat.
gifts pro|{He} helps the newer members find their place in the song.
resources me|I can play the drums at people's parties.
resources any|{He} makes playlists for everyone's birthdays.
future me|I want to play the drums in a real band.
future me|I want to go to a big concert at the O2.
future any|{He} would love to learn the keyboard properly, with a teacher.
important show|Reached for the little drum in the objects bag and tapped a beat.
tick show|Rocked and smiled all through the music part of the day.
future show|Stayed by the keyboard at the end and would not leave it.

[dance]
admire any|When {he} dances {he} forgets everyone is watching, and it gets everyone else up too.
admire pro|The most enthusiastic dancer in the group. {He} learns a routine faster than I can teach it.
important me|Dancing. Every week.
important any|The Friday Club disco. {He} starts getting ready for it on Thursday.
places me|Dance for All at the Albion Arts Centre on Monday nights.
places any|The Friday Club disco at Brookwick Community Hall.
tick me|Dressing up to go dancing.
tick any|Music with a good beat and a dance floor. {He}'s always the first one up.
gifts any|{He} can teach a dance routine to anyone, even me.
gifts me|I am a good dancer.
resources me|I can show people dance moves.
resources any|{He} would lead a warm-up dance at the start of any group.
future me|I want to dance on stage in a real show.
future me|I want to dance at the Hollowfield Carnival.
future any|A dance class that carries on in the holidays, not just in term time.

[cricket]
admire any|{He} knows every England cricket score from the last twenty years.
admire pro|A good team player: {he} claps every run, even for the other side.
important me|Cricket on the radio.
important any|Playing cricket with {his} team on Sunday mornings in the summer.
places me|Hollowfield Cricket Club in Ashby Vale.
places any|The Oval, when England are playing.
tick me|Hitting a four.
tick any|Cricket facts. Ask {him} about any player.
gifts any|Knows the rules better than the umpire.
gifts pro|Keeps the score book beautifully: neat, and never a mistake.
resources me|I can keep the score for matches.
future me|I want to watch England at the Oval.
future me|I want to play in the summer league.
future any|Helping with the junior cricket coaching on Saturdays.

[computer_games]
admire any|So patient teaching people games. {He} taught me FIFA and never laughed once.
admire friends|Best gaming partner. {He} always picks me for {his} team.
important me|My PlayStation.
important any|Gaming with {his} online friends in the evening. It's how {he} keeps in touch.
places me|Gaming night at Hollowfield Library on Thursdays.
places any|The games shop in the Broadway centre, just to see what's new.
tick me|Winning at Mario Kart.
tick any|A new level to work out. {He} will spend hours solving it.
gifts any|Really good with technology. {He} sorted out the Wi-Fi at home when none of us could.
gifts me|I am good at Minecraft. I build whole cities.
resources me|I can help people set up their phones and tablets.
resources any|{He} could help at the library's tech help drop-in.
future me|I want to go to a gaming show, like EGX.
future me|I want a job working with computers.
future any|To learn to make {his} own games at Hollowfield College.

[cooking]
admire any|{His} {dish} is the best I have ever had. Nobody leaves hungry.
admire fam|{He} feeds everyone. You cannot visit without getting a plate.
important me|Cooking my own tea.
important any|Making {dish} for the family on special days.
places me|The Saturday market, to buy vegetables.
places any|The cookery course at Hollowfield College on Tuesdays.
tick me|People saying my food is nice.
tick any|Trying a new recipe. {He} keeps the ones {he} likes in a folder.
gifts any|A brilliant cook. {His} {dish} is famous.
gifts me|I can bake cakes.
resources me|I can cook for other people.
resources any|{He} could help out in the kitchen at the lunch club.
future me|I want to work in a café kitchen.
future me|I want to learn to cook new dishes.
future any|To cook for {his} friends at home and invite them round.

[fishing]
admire any|So patient. {He} can sit by the water for hours.
admire friends|{He} always shares {his} flask of tea on the bank.
important me|Fishing at the mere in Kingsmere Park.
important any|{His} fishing gear. It's kept in perfect order.
places me|Kingsmere Park, by the mere.
places any|The fishing lakes at Walthamstow Wetlands.
tick me|Catching a big carp.
tick any|Being outside and quiet, by the water.
gifts any|Knows every knot there is. {He} ties everyone's hooks.
gifts me|I am good at fishing.
resources me|I have spare rods I can lend.
future me|I want to go sea fishing on a boat.
future any|To join the angling club properly and fish in their matches.

[bus_trips]
admire any|A walking timetable. {He} knows which bus goes where, and when.
admire pro|{He} has never once got us lost.
important me|My bus pass.
important any|The front seat upstairs on the bus. {He} will wait for the next bus to get it.
places me|Anywhere on the top deck.
places any|The Saturday trips club days out: Southend, Brighton and Windsor last year.
tick me|Going on a new bus route.
tick any|Watching the world go by from the top deck.
gifts any|An amazing memory for routes and bus numbers.
gifts pro|{He} helps the others on the trip find the right stop.
resources me|I can show people which bus to catch.
future me|I want to go on the bus on my own.
future me|I want to go on a train to the seaside.
future any|A day out every month somewhere new, planned with {his} friends.
places show|Held up {his} bus pass and went to the door.
tick show|Watched the buses go past the window and laughed every time one passed.

[bowls]
admire any|A very good sport. {He} shakes everyone's hand after a game, win or lose.
admire friends|Best company at the club. The tea tastes better when {he}'s there.
important me|Bowls on Wednesday afternoons.
important any|{His} bowls club friends. They're like a second family.
places me|Hollowfield Bowls Club in St Ansell's.
places any|The clubhouse for a cup of tea after the game.
tick me|Getting close to the jack.
tick any|A bit of friendly competition.
gifts any|A steady hand. One of the best bowlers at the club.
gifts me|I am good at bowls.
resources me|I can show new people how to bowl.
future me|I want to play in the club competition.
future any|To go to the county finals with the club, even just to watch.

[football]
admire any|{He} is {team} through and through. Never misses a match on the telly.
admire pro|{He} turns up to every training session, rain or shine.
important me|Football. {team}!
important any|Watching {team} with {his} family on a Saturday.
places me|Football at Northfield Rec with Hollowfield Active.
places any|The pub on Crown Street, to watch the big matches.
tick me|When {team} win.
tick any|Scoring a goal in the Thursday five-a-side.
gifts any|A good team player: {he} passes the ball and never hogs it.
gifts me|I am a good goalie.
resources me|I can help set up the goals and cones.
resources any|{He} could help coach the younger players.
future me|I want to watch {team} at their stadium.
future me|I want to play in a proper team with a kit.
future any|To get {his} level one football coaching badge.

[swimming]
admire any|Like a fish in the water. {He} is a different person in the pool.
admire pro|{He} has come on so much: two lengths on {his} own now.
important me|Swimming on Tuesdays.
important any|The quiet swim at Hollowfield Leisure Centre. {He} doesn't like it when it's busy.
places me|Hollowfield Leisure Centre, the big pool.
places any|The leisure centre. {He} packs {his} bag the night before.
tick me|Jumping in the pool.
tick any|The warm water and the quiet. It calms {him} right down.
gifts any|A strong swimmer.
gifts me|I can swim two lengths.
resources me|I can show people the way round the leisure centre.
future me|I want to swim in the sea.
future me|I want to get my 50 metres badge.
future any|Swimming twice a week instead of once.
important show|Held up the swimming bag and smiled.
places show|Chose the photo of the pool every time.
future show|Picked the photo of the sea and kept it.

[animals]
admire any|Animals trust {him}. The goats at the city farm follow {him} round.
admire pro|Gentle and calm with the animals. I can leave {him} in charge of feeding.
important me|Animals. Especially dogs.
important any|Volunteering at Hollowfield City Farm on Fridays.
places me|Hollowfield City Farm.
places any|The pet shop on Mill Lane, just to look at the rabbits.
tick me|Stroking the goats.
tick any|Looking after something. It makes {him} feel needed.
gifts any|A real gift with animals.
gifts me|I am good at feeding the animals.
resources me|I can walk dogs for people.
resources any|{He} would dog-sit for the neighbours.
future me|I want a job with animals.
future me|I want my own cat.
future any|A job at a pet shop or a vet's, starting with work experience.

[art]
admire any|{His} drawings are amazing. There's one framed in our front room.
admire pro|{He} sees colour like nobody else in the group.
important me|Drawing every day.
important any|{His} sketchbooks. {He} takes one everywhere.
places me|The art studio at Riverside Days.
places any|Tate Modern. {He} could spend all day there.
tick me|Painting with bright colours.
tick any|Being left to get on with a picture in peace.
gifts any|A real artist. {His} pictures sold at the Riverside Days open day.
gifts me|I can draw people.
resources me|I can make birthday cards for people.
resources any|{He} could help paint the mural at the community centre.
future me|I want my pictures in an exhibition.
future me|I want to sell my art.
future any|An art course at Hollowfield College.

[gardening]
admire any|Green fingers. Everything {he} plants grows.
admire friends|The hardest worker on the allotment. {He} digs while the rest of us drink tea.
important me|My allotment.
important any|Being outside, with {his} hands in the soil.
places me|The allotments on Reedbed Road in Marsh Green.
places any|The garden centre on the A10, for seeds in spring.
tick me|Eating my own tomatoes.
tick any|Watching things grow. {He} checks the seedlings every morning.
gifts any|Grows the best runner beans on the allotments.
gifts me|I am good at growing vegetables.
resources me|I can give people vegetables from my allotment.
resources any|{He} shares seeds and cuttings with everyone.
future me|I want to win a prize at the allotment show.
future me|I want a job at a garden centre.
future any|To help start a community garden on the estate.

[library]
admire any|{He} reads everything. Ask {him} for a recommendation.
admire pro|One of our most loyal members. {He} knows the library better than some of the staff.
important me|My books and audiobooks.
important any|Quiet time with a book in the afternoon.
places me|Hollowfield Library on Albion Road.
places any|The reading group at the library, first Tuesday of the month.
tick me|A good story.
tick any|Learning new things. {He} always has a question.
gifts any|A great memory for facts.
gifts me|I am good at quizzes.
resources me|I can read stories to children.
resources any|{He} could help at the library's Rhyme Time as a volunteer.
future me|I want to volunteer at the library.
future me|I want to join a quiz team.
future any|A trip to the British Library, which {he} has always talked about.

[basketball]
admire any|So quick on the court. Nobody can catch {him}.
admire pro|Great attitude at training: {he} listens and then works hard.
important me|Basketball.
important any|Training at Kingsmere Youth Centre on Tuesdays and Thursdays.
places me|The courts at Kingsmere Youth Centre.
places any|The outdoor court in Kingsmere Park in the summer.
tick me|Scoring a three-pointer.
tick any|Being part of a team.
gifts any|{He} encourages everybody on the team.
gifts me|I am good at shooting.
resources me|I can help the younger ones at training.
future me|I want to play in a league.
future me|I want to watch the London Lions.
future any|To get {his} basketball coaching certificate.

[church_choir]
admire any|What a voice. When {he} sings the solo, the whole church goes quiet.
admire faith|The heart of our choir. Always first in, always last out.
important me|Singing in the choir on Sundays.
important any|Choir practice on Thursday evenings.
places me|My church.
places any|The gospel concerts at the Albion Arts Centre.
tick me|Singing.
tick any|Being part of something. The choir is {his} family too.
gifts any|A beautiful singing voice.
gifts me|I can sing the high notes.
resources me|I can sing at people's parties.
resources any|{He} sings for the residents at the care home at Christmas.
future me|I want to sing a solo at the carol concert.
future me|I want to go to a gospel festival.
future any|To record a CD with the choir.

[cycling]
admire any|Fearless on a bike.
admire pro|{He} helps the other riders check their tyres before every session.
important me|My bike.
important any|The Saturday inclusive cycling at Lee Valley VeloPark.
places me|Lee Valley VeloPark.
places any|The towpath along the canal, when it's dry.
tick me|Going fast.
tick any|Being out in the fresh air and moving.
gifts any|Can fix a puncture in five minutes flat.
gifts me|I can ride a long way.
resources me|I can fix bikes.
resources any|{He} could help at the bike repair workshop on Saturdays.
future me|I want to do the London to Brighton bike ride.
future me|I want to cycle to work.
future any|A proper bike of {his} own, kept safe at home.

[drama]
admire any|A born performer. {He} had the whole audience laughing at the panto.
admire pro|{He} learns lines faster than anyone in the group.
important me|Drama group on Mondays.
important any|Being on stage.
places me|The Albion Arts Centre.
places any|A West End theatre, for a treat.
tick me|People clapping.
tick any|Dressing up and being someone else for a while.
gifts any|Very funny. {His} impressions are spot on.
gifts me|I am a good actor.
resources me|I can help with the costumes.
future me|I want to be in a film.
future me|I want to see The Lion King.
future any|A part in the Hollowfield Theatre Company summer show.

[boxing]
admire any|Disciplined. {He} trains harder than anyone I know.
admire pro|{He} has real respect for everyone in the gym.
important me|Boxing training.
important any|Training at Northfield Boxing Club on Monday and Wednesday evenings.
places me|Northfield Boxing Club.
places any|The gym at the leisure centre.
tick me|Hitting the pads.
tick any|Getting stronger. {He} loves seeing how far {he} has come.
gifts any|Really fit and strong.
gifts me|I am strong.
resources me|I can show people how to warm up.
future me|I want to do a boxing competition.
future any|To help with the children's session at the boxing club.
"""  # noqa: E501

INTEREST_LINES = parse_lines(_INTERESTS)
