/* lw-demo.c: a plainly fictional LEAD program for demonstrations and tests
 *
 * Everything is drawn from a private splitmix64 generator seeded from the caller's
 * seed, and every date and time is counted from lw_date_today(), so the same seed
 * on the same "today" writes the same program.  Each participant draws from its own
 * stream (seed, index), so the first participants do not change with the size of
 * the program.  Work is proportional to the number of participants: the meetings
 * sample participants instead of scanning them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw-history-private.h"

#define DEMO_MARK " (fictional demo record)"
#define DEMO_PLACE "Harbor City Hall, Room 204"
#define DEMO_START_TIME "09:30"
#define DEMO_START_MINUTES (9 * 60 + 30)
#define DEMO_LENGTH_MINUTES 90
#define DEMO_MEETING_EVERY 14
#define DEMO_N_PAST_MEETINGS 6
#define DEMO_NEXT_MEETING_IN 7
#define DEMO_DEFAULT_BUDGET 300

/* Reason codes of agenda items, in the order they are written. */
enum
{
  REASON_NEW_REFERRAL      = 1 << 0,
  REASON_COURT_DATE_SOON   = 1 << 1,
  REASON_ACTION_ITEMS_DUE  = 1 << 2,
  REASON_NO_CONTACT        = 1 << 3,
  REASON_STATUS_CHANGE     = 1 << 4,
  REASON_COMMUNITY_CONCERN = 1 << 5,
  REASON_FLAGGED           = 1 << 6,
  N_REASONS                = 7
};

static const char * const reason_codes[N_REASONS] = {
  "new-referral", "court-date-soon", "action-items-due", "no-contact-14-days",
  "status-change", "community-concern", "flagged",
};

/* ------------------------------------------------------------------------- */
/* Random numbers                                                             */

typedef struct
{
  guint64 state;
} DemoRng;

static guint64
rng_next (DemoRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A stream of its own for each part, so parts do not shift one another. */
static void
rng_init (DemoRng *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  rng_next (rng);
}

/* Inclusive of both ends. */
static int
rng_int (DemoRng *rng,
         int      lo,
         int      hi)
{
  if (hi <= lo)
    return lo;
  return lo + (int) (rng_next (rng) % (guint64) (hi - lo + 1));
}

static gboolean
rng_chance (DemoRng *rng,
            int      percent)
{
  return (int) (rng_next (rng) % 100) < percent;
}

/* Index drawn from weights that need not sum to anything in particular. */
static int
rng_weighted (DemoRng   *rng,
              const int *weights,
              int        n)
{
  int total = 0;
  int pick;

  for (int i = 0; i < n; i++)
    total += weights[i];
  pick = rng_int (rng, 0, total - 1);
  for (int i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

static int
count_bits (guint mask)
{
  int n = 0;

  for (; mask != 0; mask &= mask - 1)
    n++;
  return n;
}

#define PICK(rng, array) ((array)[rng_next (rng) % G_N_ELEMENTS (array)])

/* ------------------------------------------------------------------------- */
/* Word pools: every name and place is invented                               */

typedef struct
{
  const char *name;
  const char *agency;
  LwRole      role;
  gboolean    active;
} DemoPerson;

#define AGENCY_PROGRAM    "Harbor City LEAD Program"
#define AGENCY_EVERGREEN  "Evergreen Recovery Services"
#define AGENCY_OUTREACH   "Harbor Outreach Alliance"
#define AGENCY_BAYVIEW    "Bayview Housing Collective"
#define AGENCY_CLINIC     "Tidewater Community Clinic"
#define AGENCY_POLICE     "Harbor City Police Department"
#define AGENCY_PROSECUTOR "Harbor County Prosecuting Attorney"
#define AGENCY_DEFENDER   "Harbor Public Defender"
#define AGENCY_NORTHSIDE  "Northside Neighbors Council"
#define AGENCY_OLD_MILL   "Old Mill Business Association"
#define AGENCY_EVALUATION "Harbor State University Evaluation Team"

static const DemoPerson demo_people[] = {
  { "Morgan Example",      AGENCY_PROGRAM,    LW_ROLE_PROJECT_MANAGER,          TRUE },
  { "Riley Sample",        AGENCY_EVERGREEN,  LW_ROLE_CASE_MANAGER,             TRUE },
  { "Jordan Placeholder",  AGENCY_EVERGREEN,  LW_ROLE_CASE_MANAGER,             TRUE },
  { "Casey Testwell",      AGENCY_OUTREACH,   LW_ROLE_CASE_MANAGER,             TRUE },
  { "Frankie Formerly",    AGENCY_OUTREACH,   LW_ROLE_CASE_MANAGER,             FALSE },
  { "Sam Fictional",       AGENCY_OUTREACH,   LW_ROLE_PEER_OUTREACH,            TRUE },
  { "Dana Mockingbird",    AGENCY_OUTREACH,   LW_ROLE_PEER_OUTREACH,            TRUE },
  { "Avery Invented",      AGENCY_EVERGREEN,  LW_ROLE_SERVICE_PROVIDER,         TRUE },
  { "Quinn Madeup",        AGENCY_BAYVIEW,    LW_ROLE_SERVICE_PROVIDER,         TRUE },
  { "Reese Imagined",      AGENCY_CLINIC,     LW_ROLE_SERVICE_PROVIDER,         TRUE },
  { "Taylor Notreal",      AGENCY_POLICE,     LW_ROLE_POLICE_OFFICER,           TRUE },
  { "Jesse Storybook",     AGENCY_POLICE,     LW_ROLE_POLICE_OFFICER,           TRUE },
  { "Rowan Pretendsworth", AGENCY_POLICE,     LW_ROLE_POLICE_OFFICER,           TRUE },
  { "Jamie Pretend",       AGENCY_POLICE,     LW_ROLE_POLICE_SERGEANT,          TRUE },
  { "Robin Demo",          AGENCY_PROSECUTOR, LW_ROLE_PROSECUTOR,               TRUE },
  { "Skyler Sampleton",    AGENCY_DEFENDER,   LW_ROLE_PUBLIC_DEFENDER,          TRUE },
  { "Pat Imaginary",       AGENCY_NORTHSIDE,  LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE },
  { "Lee Makebelieve",     AGENCY_OLD_MILL,   LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE },
  { "Drew Hypothetical",   AGENCY_EVALUATION, LW_ROLE_EVALUATOR,                TRUE },
};
#define N_DEMO_PEOPLE G_N_ELEMENTS (demo_people)

static const char * const given_names[] = {
  "Alex", "Bailey", "Cameron", "Devon", "Elliot", "Francis", "Gale", "Harper",
  "Indigo", "Jules", "Kendall", "Logan", "Marley", "Noel", "Oakley", "Parker",
  "Remy", "Sage", "Tatum", "Umber", "Vale", "Wren", "Yael", "Zion",
  "Ari", "Bo", "Charlie", "Dakota", "Emery", "Finley", "Greer", "Hollis",
  "Jo", "Kit", "Lane", "Milo", "Nico", "Perry", "Ronnie", "Stevie",
};

static const char * const family_names[] = {
  "Applewhistle", "Birchwhisper", "Cobbleton", "Dewberry", "Elderglen",
  "Foxmoor", "Gorseby", "Hollowell", "Inkwater", "Juniperly", "Kettleby",
  "Lanternfield", "Mossgrove", "Nettlefold", "Oakhollow", "Puddlecombe",
  "Quillby", "Rookwhistle", "Saltmarsh", "Thistledown", "Umbergate",
  "Vellumfield", "Wickerby", "Yarrowmere", "Zephyrine", "Acornwell",
  "Brambleton", "Cinderwick", "Duskmoor", "Emberly",
};

static const char * const nicknames[] = {
  "Smokey", "Tink", "Doc", "Lucky", "Red", "Skip", "Pepper", "Junior", "Sunny",
  "Moose", "Sparrow", "Boots", "Chip", "Ziggy", "Birdie", "Tex",
};

static const char * const neighbourhoods[] = {
  "Harbor Flats", "Old Mill", "Northside", "Bayview", "Eastgate",
  "Riverside Yards", "Cannery Row", "Downtown Core",
};

static const char * const streets[] = {
  "Gull Street", "Anchor Avenue", "Millrace Lane", "Tidewater Way",
  "Lantern Road", "Kelp Court", "Ferry Street", "Driftwood Place",
};

static const char * const landmarks[] = {
  "the Gull Street underpass", "the Old Mill rail yard", "the Bayview ferry terminal",
  "the Riverside Yards footpath", "the Northside transit centre",
};

static const char * const community_referrers[] = {
  AGENCY_NORTHSIDE, AGENCY_OLD_MILL, "Harbor Flats Tenants Association",
  "Bayview Housing Collective outreach", "Tidewater Community Clinic front desk",
};

static const char * const housing_notes[LW_N_HOUSING][3] = {
  [LW_HOUSING_UNSHELTERED] = {
    "Sleeping outside most nights; has a tent and a bike",
    "Staying in a car with a partner; car needs registration",
    "Turned down shelter beds because of a dog; asking about pet-friendly options",
  },
  [LW_HOUSING_SHELTER] = {
    "Has a bed at the Bayview shelter; curfew has been hard to keep",
    "Rotating between two shelters; on the coordinated entry list",
    "Stable at the shelter for six weeks; waiting on a transitional unit",
  },
  [LW_HOUSING_TRANSITIONAL] = {
    "Moved into a Harbor House transitional unit last month",
    "In transitional housing; lease ends in four months",
    "Transitional unit with a roommate; getting along well",
  },
  [LW_HOUSING_PERMANENT] = {
    "Signed a lease on a studio with a housing voucher",
    "Living with a sibling; name is on the lease",
    "Permanent supportive housing through Bayview Housing Collective",
  },
  [LW_HOUSING_UNKNOWN] = {
    "Housing situation not known since last contact",
    "Said to be staying with friends; not confirmed",
    "Not disclosed yet; will ask again at intake",
  },
};

static const char * const health_notes[] = {
  "Type 2 diabetes; needs help keeping insulin cool",
  "Chronic back pain after a fall; seeing the clinic for physical therapy",
  "Reports anxiety and poor sleep; open to a counselling referral",
  "Recent hospital stay for a foot infection; wound care twice a week",
  "Needs new glasses; vision exam booked",
  "Managing depression with medication from the community clinic",
  "Asthma; inhaler lost, replacement requested",
  "No current health concerns reported",
};

/* Why a participant left; picked by position, so that the random stream of
 * the rest stays as it was. */
static const char * const exit_reasons[] = {
  "Graduated: stable housing and income for six months",
  "Moved out of the county to live with family",
  "Asked to leave the program",
  "No contact for six months despite outreach",
};

static const char * const substance_notes[] = {
  "Attending outpatient group twice a week",
  "On medication for opioid use disorder since last spring; doing well",
  "Daily alcohol use; interested in a detox bed but not ready yet",
  "Stimulant use most days; engaged with harm reduction outreach",
  "Reports three months without use; attends peer support meetings",
  "Declined to talk about substance use so far",
};

static const char * const goal_texts[LW_N_DOMAINS][2] = {
  [LW_DOMAIN_HOUSING]    = { "Move from shelter into transitional housing",
                             "Complete the coordinated entry housing assessment" },
  [LW_DOMAIN_TREATMENT]  = { "Attend outpatient group twice a week",
                             "Start medication treatment with the community clinic" },
  [LW_DOMAIN_ID]         = { "Replace lost state ID card",
                             "Obtain a copy of birth certificate" },
  [LW_DOMAIN_BENEFITS]   = { "Apply for food assistance",
                             "Reinstate health coverage" },
  [LW_DOMAIN_EMPLOYMENT] = { "Enrol in the Harbor Works job readiness class",
                             "Update CV and apply for two jobs" },
  [LW_DOMAIN_EDUCATION]  = { "Enrol in GED preparation classes",
                             "Attend the digital skills workshop at the library" },
  [LW_DOMAIN_LEGAL]      = { "Attend every court date with case manager support",
                             "Resolve outstanding fines with the municipal court" },
  [LW_DOMAIN_HEALTH]     = { "Schedule a primary care check-up",
                             "Follow up on dental pain at the community clinic" },
  [LW_DOMAIN_FAMILY]     = { "Call sister once a week",
                             "Arrange a supervised visit with the children" },
};

static const char * const contact_notes[LW_N_CONTACT_KINDS][4] = {
  [LW_CONTACT_IN_PERSON] = {
    "Met at the Evergreen drop-in; went through the housing application together",
    "Went with them to the benefits office; application filed",
    "Checked in at the shelter; reports sleeping better",
    "Reviewed the plan goals together; agreed to focus on the ID first",
  },
  [LW_CONTACT_PHONE] = {
    "Phone check-in; confirmed the court date and offered a ride",
    "Called to remind about the clinic appointment tomorrow",
    "Short call; doing fine, asked for bus tokens",
    "Returned a call about the food assistance letter",
  },
  [LW_CONTACT_OUTREACH] = {
    "Found at the Gull Street underpass on morning outreach; brought water and socks",
    "Outreach near the ferry terminal; talked about shelter options",
    "Met on the Riverside Yards path; handed over a phone charger",
    "Evening outreach in Old Mill; agreed to come to the drop-in",
  },
  [LW_CONTACT_ATTEMPTED] = {
    "Went by the usual spot; not found. Left a card at the shelter desk",
    "Called twice, no answer; voicemail full",
    "Asked around the transit centre; nobody had seen them this week",
    "Knocked at the listed address; no answer",
  },
};

static const char * const charges[] = {
  "Theft 3", "Criminal trespass 2", "Possession of a controlled substance",
  "Obstructing a public officer", "Malicious mischief 3", "Disorderly conduct",
  "Criminal trespass 1", "Driving while license suspended 3",
};

static const char * const courts[] = {
  "Harbor Municipal Court", "Harbor County District Court",
  "Harbor County Superior Court",
};

static const char * const prosecution_texts[LW_N_POSITIONS] = {
  [LW_POSITION_HOLD]    = "Holding the charge while engagement with case management continues; review at the next workgroup",
  [LW_POSITION_DECLINE] = "Declining to file; the referral to LEAD is the right response here",
  [LW_POSITION_DISMISS] = "Will move to dismiss once two months of engagement are documented",
  [LW_POSITION_DEFER]   = "Agree to a six-month deferral conditioned on continued engagement",
  [LW_POSITION_PROCEED] = "Proceeding; the store owner asked for restitution and it will be part of any resolution",
};

static const char * const topics[] = {
  "Quarterly referral numbers and the evaluation timeline",
  "Shelter capacity for the winter months",
  "Release planning with the Harbor County Jail",
  "Refresher on the social contact referral form",
  "Cover for case managers on leave",
  "Update on the Harbor Works employment pilot",
};

/* Discussion notes and outcomes by the item's first reason, in reason order. */
static const char * const discussion_notes[N_REASONS][2] = {
  { "New referral; intake booked at the drop-in and a first plan talked through",
    "New referral from a social contact; agreed to meet the case manager this week" },
  { "Court date coming up; defender and prosecutor agreed to ask for a continuance",
    "Hearing next week; case manager will go along and bring a progress letter" },
  { "Went through the open action items; the ID appointment is still outstanding",
    "Benefits paperwork done; the clinic appointment still needs booking" },
  { "Not seen for two weeks; peer outreach will check the usual spots",
    "Phone is off and the shelter has not seen them; outreach to ask around" },
  { "Moved to active after intake; first plan goals agreed",
    "Recently moved into transitional housing; needs furniture and a bus pass" },
  { "Neighbours raised a concern; the case manager has talked it through with them",
    "Named in a neighbours' complaint; team agreed on a quiet check-in first" },
  { "Flagged by the case manager: missed the last two appointments",
    "Flagged by staff: health getting worse; clinic visit offered" },
};

static const char * const outcomes[N_REASONS][2] = {
  { "Case manager to complete intake within a week", "Continue outreach until intake" },
  { "Case manager to arrange a ride to court", "Prosecutor will hold the charge pending engagement" },
  { "Carry the open item to the next meeting", "Continue the current plan; review in two weeks" },
  { "Peer outreach to locate and reconnect", "Keep on the agenda until contact is made" },
  { "Continue the current plan; review in two weeks", "Refer to housing navigation at Bayview" },
  { "Community representative to report back to the neighbours", "No change; keep on the agenda" },
  { "Team will try through the peer worker", "Case manager to follow up this week" },
};

typedef struct
{
  const char *text;
  LwRole      role;   /* who usually takes it */
} DemoAction;

static const DemoAction participant_actions[] = {
  { "Confirm the intake appointment at Evergreen", LW_ROLE_CASE_MANAGER },
  { "Help replace the lost state ID", LW_ROLE_CASE_MANAGER },
  { "Give a ride to the benefits appointment", LW_ROLE_PEER_OUTREACH },
  { "Look for them at the usual spots this week", LW_ROLE_PEER_OUTREACH },
  { "Hold a bed at the Bayview shelter", LW_ROLE_SERVICE_PROVIDER },
  { "Book a clinic appointment for the foot wound", LW_ROLE_SERVICE_PROVIDER },
  { "Ask the court for a continuance", LW_ROLE_PUBLIC_DEFENDER },
  { "Review the pending charge and report the position", LW_ROLE_PROSECUTOR },
  { "Let patrol know about the plan if they meet them", LW_ROLE_POLICE_SERGEANT },
  { "Share the referral paperwork with the case manager", LW_ROLE_POLICE_OFFICER },
};

static const DemoAction other_actions[] = {
  { "Circulate the shelter capacity figures", LW_ROLE_PROJECT_MANAGER },
  { "Draft the quarterly report for the evaluation", LW_ROLE_EVALUATOR },
  { "Report back to the neighbours on the outreach plan", LW_ROLE_COMMUNITY_REPRESENTATIVE },
  { "Arrange outreach visits in the area this week", LW_ROLE_PEER_OUTREACH },
};

typedef struct
{
  const char     *area;
  const char     *text;
  const char     *response;
  LwResponseKind  kind;   /* what was done, once responded */
  const char     *done;
} DemoConcern;

static const DemoConcern concerns[] = {
  { "Harbor Flats", "Neighbours report people sleeping in the doorway of the closed bakery on Gull Street and worry about the cold",
    "Peer outreach to visit mornings this week and offer shelter beds",
    LW_RESPONSE_OUTREACH, "Peer outreach visited four mornings; two people took shelter beds" },
  { "Old Mill", "Used needles found near the Old Mill playground",
    "Outreach to bring sharps containers; parks department notified",
    LW_RESPONSE_SITE, "Sharps container installed by the playground; the parks department sweeps it weekly" },
  { "Downtown Core", "Corner market on Anchor Avenue reports repeated shoplifting",
    "Sergeant to talk with the owner; case managers to check whether anyone on the caseload is involved",
    LW_RESPONSE_POLICE, "The sergeant met the owner and agreed a contact for the next incident" },
  { "Bayview", "Arguments late at night outside the ferry terminal",
    "Evening outreach for two weeks; community representative to report back",
    LW_RESPONSE_OUTREACH, "Evening outreach ran for two weeks; the terminal staff report it is calmer" },
  { "Riverside Yards", "Encampment growing along the Riverside Yards footpath",
    "Housing navigation visits with Bayview Housing Collective",
    LW_RESPONSE_SERVICES, "Housing navigators visited twice; three people are on the housing list" },
  { "Northside", "Tenants ask how to refer a neighbour who seems unwell",
    "Send the referral guide; community representative to share it at the tenants meeting",
    LW_RESPONSE_INFORMATION, "The referral guide went to the tenants association and was read out at their meeting" },
  { "Eastgate", "Car break-ins on Millrace Lane",
    "Police to share patterns; no participant link known",
    LW_RESPONSE_REFERRED, "Referred to the property crimes unit, which shared its patrol plan" },
  { "Cannery Row", "Shop owners ask for a contact when someone is in crisis",
    "Share the outreach phone line and the crisis team number",
    LW_RESPONSE_INFORMATION, "Cards with the outreach line and the crisis team number went to twelve shops" },
};

static const char * const no_divert_reasons[] = {
  "Not eligible: the incident involved a weapon",
  "Not eligible: an existing no-contact order",
  "Eligible but declined at the scene",
  "Not eligible: the charge is outside the LEAD criteria",
  "Eligible but lives outside the program area",
};

/* ------------------------------------------------------------------------- */
/* State                                                                      */

/* What the meetings need to know about a participant, in days from today. */
typedef struct
{
  LwId     id;
  int      status;
  int      referral;        /* day offset of the referral date */
  int      status_changed;
  int      last_contact;
  int      court_date;      /* earliest upcoming court date, G_MAXINT when none */
  gboolean flagged;
  gboolean concern;         /* named by an open community concern */
  gboolean action_due;      /* open action item due by the next meeting */
  LwId     case_manager_id;
  LwId     peer_worker_id;
  LwId     officer_id;      /* who referred, on the police routes */
} DemoParticipant;

typedef struct
{
  LwStore         *store;
  guint64          seed;
  char            *today;
  LwId             people[N_DEMO_PEOPLE];
  DemoParticipant *participants;
  guint            n_participants;
  GArray          *concern_ids;    /* LwId */
  GArray          *concern_days;   /* int, day offsets */
  GArray          *concern_open;   /* gboolean */
  guint            case_counter;
} Demo;

typedef struct
{
  LwId     person_id;
  LwRole   role;
  gboolean absent;
} DemoAttendee;

static char *
demo_day (Demo *demo,
          int   offset)
{
  return lw_date_add_days (demo->today, offset);
}

/* Microseconds since the epoch of a local time of day, offset days from today. */
static gint64
demo_time (Demo *demo,
           int   offset,
           int   minutes)
{
  g_autofree char *date = demo_day (demo, offset);
  g_autoptr(GDateTime) dt = NULL;
  int y = 0, m = 0, d = 0;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  dt = g_date_time_new_local (y, m, d, minutes / 60, minutes % 60, 0);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static char *
with_mark (const char *text)
{
  return g_strconcat (text, DEMO_MARK, NULL);
}

static LwId
person_of_role (Demo   *demo,
                LwRole  role,
                guint   nth)
{
  guint seen = 0;
  LwId first = 0;

  for (guint i = 0; i < N_DEMO_PEOPLE; i++)
    {
      if (demo_people[i].role != role || !demo_people[i].active)
        continue;
      if (first == 0)
        first = demo->people[i];
      if (seen++ == nth)
        return demo->people[i];
    }
  return first;
}

static guint
count_of_role (LwRole role)
{
  guint n = 0;

  for (guint i = 0; i < N_DEMO_PEOPLE; i++)
    if (demo_people[i].role == role && demo_people[i].active)
      n++;
  return n;
}

static const char *
person_name (Demo *demo,
             LwId  id)
{
  for (guint i = 0; i < N_DEMO_PEOPLE; i++)
    if (demo->people[i] == id)
      return demo_people[i].name;
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* People                                                                     */

static gboolean
generate_people (Demo    *demo,
                 GError **error)
{
  for (guint i = 0; i < N_DEMO_PEOPLE; i++)
    {
      g_autoptr(LwPerson) person = lw_person_new ();

      person->name = g_strdup (demo_people[i].name);
      person->agency = g_strdup (demo_people[i].agency);
      person->role = demo_people[i].role;
      person->active = demo_people[i].active;
      if (!lw_store_insert (demo->store, person, error))
        return FALSE;
      demo->people[i] = person->id;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Participants                                                               */

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static gboolean
generate_goals (Demo            *demo,
                DemoRng         *rng,
                DemoParticipant *p,
                GError         **error)
{
  static const int weights[LW_N_STATUSES][LW_N_GOAL_STATUSES] = {
    /* not started, in progress, met, dropped */
    [LW_STATUS_REFERRED]         = { 1, 0, 0, 0 },
    [LW_STATUS_INTAKE_SCHEDULED] = { 3, 1, 0, 0 },
    [LW_STATUS_ACTIVE]           = { 20, 45, 25, 10 },
    [LW_STATUS_INACTIVE]         = { 30, 40, 15, 15 },
    [LW_STATUS_EXITED]           = { 0, 20, 50, 30 },
  };
  int domains[LW_N_DOMAINS];
  int n_goals = rng_int (rng, 2, 6);

  /* distinct domains: a partial shuffle */
  for (int i = 0; i < LW_N_DOMAINS; i++)
    domains[i] = i;
  for (int i = 0; i < n_goals; i++)
    {
      int j = rng_int (rng, i, LW_N_DOMAINS - 1);
      int tmp = domains[i];

      domains[i] = domains[j];
      domains[j] = tmp;
    }

  for (int i = 0; i < n_goals; i++)
    {
      g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();
      int target;

      goal->participant_id = p->id;
      goal->domain = domains[i];
      goal->text = g_strdup (goal_texts[domains[i]][rng_int (rng, 0, 1)]);
      goal->status = rng_weighted (rng, weights[p->status], LW_N_GOAL_STATUSES);
      target = p->referral + rng_int (rng, 30, 300);
      if (goal->status == LW_GOAL_NOT_STARTED || goal->status == LW_GOAL_IN_PROGRESS)
        {
          int soon = rng_int (rng, -20, 120);

          target = MAX (target, soon);
        }
      goal->target_date = demo_day (demo, target);
      if (!lw_store_insert (demo->store, goal, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate_contacts (Demo            *demo,
                   DemoRng         *rng,
                   DemoParticipant *p,
                   GError         **error)
{
  static const int sizes[LW_N_STATUSES][2] = {
    [LW_STATUS_REFERRED]         = { 3, 4 },
    [LW_STATUS_INTAKE_SCHEDULED] = { 3, 6 },
    [LW_STATUS_ACTIVE]           = { 5, 12 },
    [LW_STATUS_INACTIVE]         = { 4, 10 },
    [LW_STATUS_EXITED]           = { 6, 12 },
  };
  int days[12];
  int n = rng_int (rng, sizes[p->status][0], sizes[p->status][1]);
  int n_attempts = 0;

  /* after someone drops out of touch, the team keeps trying */
  if (p->last_contact <= -7 && p->status != LW_STATUS_EXITED)
    {
      int tries = rng_int (rng, 1, 2);

      n_attempts = MIN (tries, n - 2);
    }

  for (int i = 0; i < n; i++)
    {
      if (i < n - n_attempts - 1)
        days[i] = rng_int (rng, p->referral, p->last_contact);
      else if (i == n - n_attempts - 1)
        days[i] = p->last_contact;
      else
        days[i] = rng_int (rng, p->last_contact + 1, 0);
    }
  qsort (days, n - n_attempts, sizeof (int), compare_int);
  if (n_attempts > 0)
    qsort (days + n - n_attempts, n_attempts, sizeof (int), compare_int);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(LwContact) contact = lw_contact_new ();
      gboolean attempt = i >= n - n_attempts;
      gboolean last = i == n - n_attempts - 1;

      contact->participant_id = p->id;
      contact->date = demo_day (demo, days[i]);
      if (attempt)
        contact->kind = LW_CONTACT_ATTEMPTED;
      else if (last)
        contact->kind = rng_int (rng, LW_CONTACT_IN_PERSON, LW_CONTACT_OUTREACH);
      else
        contact->kind = rng_weighted (rng, (const int[]) { 45, 25, 20, 10 }, LW_N_CONTACT_KINDS);
      contact->staff_id = (p->peer_worker_id != 0 && rng_chance (rng, 35))
                          ? p->peer_worker_id : p->case_manager_id;
      contact->note = with_mark (contact_notes[contact->kind][rng_int (rng, 0, 3)]);
      if (!lw_store_insert (demo->store, contact, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate_legal (Demo            *demo,
                DemoRng         *rng,
                DemoParticipant *p,
                int              route,
                gboolean         force_court_soon,
                GError         **error)
{
  int n_matters;
  LwId prosecutor = person_of_role (demo, LW_ROLE_PROSECUTOR, 0);

  switch (route)
    {
    case LW_REFERRAL_ARREST_DIVERSION:
      n_matters = rng_int (rng, 1, 3);
      break;
    case LW_REFERRAL_SOCIAL_CONTACT:
      n_matters = rng_int (rng, 0, 2);
      break;
    default:
      n_matters = rng_chance (rng, 30) ? 1 : 0;
      break;
    }
  if (force_court_soon)
    n_matters = MAX (n_matters, 1);

  for (int i = 0; i < n_matters; i++)
    {
      g_autoptr(LwLegalMatter) matter = lw_legal_matter_new ();
      g_autofree char *filed = NULL;
      int filed_day;
      int n_notes;

      /* the arrest that led to the referral comes first */
      if (i == 0 && route == LW_REFERRAL_ARREST_DIVERSION)
        filed_day = p->referral - rng_int (rng, 1, 10);
      else if (p->referral < -30 && rng_chance (rng, 35))
        filed_day = rng_int (rng, p->referral + 1, -3);
      else
        filed_day = p->referral - rng_int (rng, 20, 700);
      filed = demo_day (demo, filed_day);

      matter->participant_id = p->id;
      /* 7919 is prime to 90000: distinct numbers for the first 90000 matters */
      matter->case_number = g_strdup_printf ("HC-%.4s-%05u", filed,
                                             10000 + (demo->case_counter++ * 7919u + (guint) (demo->seed % 90000u)) % 90000u);
      matter->charge = g_strdup (PICK (rng, charges));
      matter->court = g_strdup (PICK (rng, courts));
      matter->filed_date = g_strdup (filed);
      matter->before_referral = filed_day < p->referral;

      if (force_court_soon && i == 0)
        matter->status = LW_MATTER_PENDING;
      else if (p->status == LW_STATUS_EXITED || filed_day < -400)
        matter->status = rng_int (rng, LW_MATTER_DISMISSED, LW_MATTER_CLOSED);
      else
        matter->status = rng_weighted (rng, (const int[]) { 55, 15, 15, 5, 10 }, LW_N_MATTER_STATUSES);

      if (matter->status == LW_MATTER_PENDING)
        {
          int court;

          if ((force_court_soon && i == 0) || rng_chance (rng, 40))
            court = rng_int (rng, 1, 14);
          else
            court = rng_int (rng, 15, 120);
          if (court <= 14 || rng_chance (rng, 90))
            {
              matter->next_court_date = demo_day (demo, court);
              p->court_date = MIN (p->court_date, court);
            }
        }
      if (!lw_store_insert (demo->store, matter, error))
        return FALSE;

      n_notes = rng_int (rng, 1, 2);
      for (int j = 0; j < n_notes; j++)
        {
          g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();
          gboolean final = j == n_notes - 1;
          int position, note_day;

          switch (matter->status)
            {
            case LW_MATTER_DISMISSED:
              position = LW_POSITION_DISMISS;
              break;
            case LW_MATTER_DEFERRED:
              position = LW_POSITION_DEFER;
              break;
            case LW_MATTER_CONVICTED:
              position = LW_POSITION_PROCEED;
              break;
            case LW_MATTER_CLOSED:
              position = LW_POSITION_DECLINE;
              break;
            default:
              position = rng_weighted (rng, (const int[]) { 60, 0, 5, 25, 10 }, LW_N_POSITIONS);
              break;
            }
          if (!final)
            position = LW_POSITION_HOLD;

          note->legal_matter_id = matter->id;
          note->position = position;
          note->text = with_mark (prosecution_texts[position]);
          note->author_id = prosecutor;
          note_day = filed_day + rng_int (rng, 2, 20) + j * rng_int (rng, 14, 60);
          note->date = demo_day (demo, MIN (0, note_day));
          if (!lw_store_insert (demo->store, note, error))
            return FALSE;
        }
    }
  return TRUE;
}

typedef enum
{
  CONSENT_SERVICE_PROVIDER,   /* role: health and substance use */
  CONSENT_PROSECUTOR,         /* role: substance use */
  CONSENT_PROJECT_MANAGER,    /* role: health and substance use */
  CONSENT_AGENCY,             /* agency only: substance use, health, care notes */
  CONSENT_DEFENDER,           /* role: substance use and legal */
  N_CONSENT_KINDS
} ConsentKind;

typedef enum
{
  CONSENT_CURRENT,
  CONSENT_EXPIRED,
  CONSENT_REVOKED,
} ConsentState;

static gboolean
insert_consent (Demo            *demo,
                DemoRng         *rng,
                DemoParticipant *p,
                ConsentKind      kind,
                ConsentState     state,
                GError         **error)
{
  g_autoptr(LwConsent) consent = lw_consent_new ();
  const gint64 su = 1 << LW_CATEGORY_SUBSTANCE_USE;
  const gint64 health = 1 << LW_CATEGORY_HEALTH;
  static const int lengths[] = { 90, 180, 365 };
  int intake = p->referral + rng_int (rng, 3, 30);
  int signed_day, length;

  intake = MIN (0, intake);

  consent->participant_id = p->id;
  switch (kind)
    {
    case CONSENT_SERVICE_PROVIDER:
      consent->recipient_role = LW_ROLE_SERVICE_PROVIDER;
      consent->categories = su | health;
      break;
    case CONSENT_PROSECUTOR:
      consent->recipient_role = LW_ROLE_PROSECUTOR;
      consent->recipient_agency = g_strdup (AGENCY_PROSECUTOR);
      consent->categories = su;
      break;
    case CONSENT_PROJECT_MANAGER:
      consent->recipient_role = LW_ROLE_PROJECT_MANAGER;
      consent->categories = su | health;
      break;
    case CONSENT_AGENCY:
      consent->recipient_role = -1;
      consent->recipient_agency = g_strdup (AGENCY_EVERGREEN);
      consent->categories = su | health | (1 << LW_CATEGORY_CARE_NOTES);
      break;
    case CONSENT_DEFENDER:
    default:
      consent->recipient_role = LW_ROLE_PUBLIC_DEFENDER;
      consent->recipient_agency = g_strdup (AGENCY_DEFENDER);
      consent->categories = su | (1 << LW_CATEGORY_LEGAL);
      break;
    }

  switch (state)
    {
    case CONSENT_EXPIRED:
      /* signed at intake, ran out by yesterday at the latest */
      signed_day = p->referral + rng_int (rng, 1, 7);
      signed_day = MIN (-2, signed_day);
      length = PICK (rng, lengths);
      length = MIN (length, -signed_day - 1);
      break;
    case CONSENT_REVOKED:
    case CONSENT_CURRENT:
    default:
      length = 365;
      signed_day = rng_int (rng, MAX (intake, -300), 0);
      break;
    }
  consent->signed_date = demo_day (demo, signed_day);
  consent->expires = demo_day (demo, signed_day + length);
  if (state == CONSENT_REVOKED)
    consent->revoked = demo_day (demo, rng_int (rng, signed_day, 0));
  return lw_store_insert (demo->store, consent, error);
}

static gboolean
generate_consents (Demo            *demo,
                   DemoRng         *rng,
                   DemoParticipant *p,
                   guint            index,
                   GError         **error)
{
  gboolean seen[N_CONSENT_KINDS] = { FALSE, };
  int n;

  /* the first few cover every kind and every state, whatever the size */
  switch (index)
    {
    case 2:
      return insert_consent (demo, rng, p, CONSENT_SERVICE_PROVIDER, CONSENT_CURRENT, error) &&
             insert_consent (demo, rng, p, CONSENT_PROSECUTOR, CONSENT_CURRENT, error);
    case 3:
      return insert_consent (demo, rng, p, CONSENT_PROJECT_MANAGER, CONSENT_CURRENT, error) &&
             insert_consent (demo, rng, p, CONSENT_AGENCY, CONSENT_EXPIRED, error);
    case 4:
      return insert_consent (demo, rng, p, CONSENT_SERVICE_PROVIDER, CONSENT_REVOKED, error) &&
             insert_consent (demo, rng, p, CONSENT_DEFENDER, CONSENT_EXPIRED, error);
    default:
      break;
    }

  /* releases are signed at intake */
  if (p->status == LW_STATUS_REFERRED)
    return TRUE;
  n = rng_int (rng, 0, 3);
  for (int i = 0; i < n; i++)
    {
      ConsentKind kind = rng_weighted (rng, (const int[]) { 40, 20, 20, 10, 10 }, N_CONSENT_KINDS);
      ConsentState state = CONSENT_CURRENT;

      if (seen[kind])
        continue;
      seen[kind] = TRUE;
      if (p->referral < -240 && rng_chance (rng, 30))
        state = CONSENT_EXPIRED;
      else if (rng_chance (rng, 10))
        state = CONSENT_REVOKED;
      if (!insert_consent (demo, rng, p, kind, state, error))
        return FALSE;
    }
  return TRUE;
}

static char *
make_address (DemoRng *rng,
              int      housing)
{
  switch (housing)
    {
    case LW_HOUSING_UNSHELTERED:
      return g_strdup_printf ("No fixed address; usually near %s", PICK (rng, landmarks));
    case LW_HOUSING_SHELTER:
      return g_strdup ("Bayview shelter, 12 Tidewater Way");
    case LW_HOUSING_TRANSITIONAL:
      return g_strdup_printf ("Harbor House, 40 Millrace Lane, unit %d", rng_int (rng, 1, 48));
    case LW_HOUSING_PERMANENT:
      return g_strdup_printf ("%d %s, apt %d", rng_int (rng, 10, 2400), PICK (rng, streets), rng_int (rng, 1, 30));
    default:
      return NULL;
    }
}

/* The housing a participant had at entry: for those who have been in the
 * program a while, often worse than now.  A stream of its own, so the rest of
 * the demo stays as it was. */
static int
entry_housing (Demo *demo,
               guint index,
               int   status,
               int   now)
{
  DemoRng rng;

  rng_init (&rng, demo->seed, 50000 + index);
  if (status == LW_STATUS_REFERRED || status == LW_STATUS_INTAKE_SCHEDULED || !rng_chance (&rng, 55))
    return now;
  return rng_chance (&rng, 70) ? LW_HOUSING_UNSHELTERED : LW_HOUSING_SHELTER;
}

/* The steps between the referral and the status now (the store wrote the
 * referral and the last change): an intake scheduled, then active. */
static gboolean
generate_history (Demo             *demo,
                  guint             index,
                  DemoParticipant  *p,
                  GError          **error)
{
  int span = p->status_changed - p->referral;
  int intake, active = 0;
  gboolean became_active;
  DemoRng rng;

  rng_init (&rng, demo->seed, 60000 + index);
  if (p->status == LW_STATUS_REFERRED || p->status == LW_STATUS_INTAKE_SCHEDULED || span < 3)
    return TRUE;
  intake = p->referral + rng_int (&rng, 1, MIN (21, span / 2));
  /* an active participant whose last change was long after the referral
   * became active early on (and, say, inactive for a while since) */
  /* day offsets: negative, today is 0 */
  became_active = p->status != LW_STATUS_ACTIVE || span > 60;
  if (p->status == LW_STATUS_ACTIVE)
    active = intake + rng_int (&rng, 1, 30);
  else
    active = intake + rng_int (&rng, 1, MAX (1, MIN (30, (p->status_changed - intake) / 2)));
  {
    g_autofree char *day = demo_day (demo, intake);

    if (!_lw_history_add_status (demo->store, p->id, LW_STATUS_INTAKE_SCHEDULED, day, error))
      return FALSE;
  }
  if (became_active && active < p->status_changed)
    {
      g_autofree char *day = demo_day (demo, active);

      if (!_lw_history_add_status (demo->store, p->id, LW_STATUS_ACTIVE, day, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate_participant (Demo    *demo,
                      guint    index,
                      GError **error)
{
  static const int status_weights[LW_N_STATUSES] = { 8, 8, 50, 17, 17 };
  static const int route_weights[LW_N_REFERRALS] = { 45, 35, 20 };
  static const int housing_weights[LW_N_HOUSING] = { 30, 25, 20, 15, 10 };
  g_autoptr(LwParticipant) record = lw_participant_new ();
  DemoParticipant *p = &demo->participants[index];
  const char *given, *family;
  DemoRng rng;
  int route, age_days, gap;
  guint n_cm = count_of_role (LW_ROLE_CASE_MANAGER);
  guint n_peer = count_of_role (LW_ROLE_PEER_OUTREACH);

  rng_init (&rng, demo->seed, 1000 + index);
  p->court_date = G_MAXINT;

  /* the first fifteen walk through every route and status pairing */
  if (index < LW_N_REFERRALS * LW_N_STATUSES)
    {
      route = index % LW_N_REFERRALS;
      p->status = index % LW_N_STATUSES;
    }
  else
    {
      route = rng_weighted (&rng, route_weights, LW_N_REFERRALS);
      p->status = rng_weighted (&rng, status_weights, LW_N_STATUSES);
    }

  switch (p->status)
    {
    case LW_STATUS_REFERRED:
      p->referral = -rng_int (&rng, 0, 20);
      p->status_changed = p->referral;
      break;
    case LW_STATUS_INTAKE_SCHEDULED:
      p->referral = -rng_int (&rng, 5, 40);
      p->status_changed = rng_int (&rng, p->referral + 1, 0);
      break;
    case LW_STATUS_ACTIVE:
      p->referral = -rng_int (&rng, 30, 900);
      p->status_changed = rng_int (&rng, p->referral + 7, MIN (0, p->referral + 60));
      break;
    case LW_STATUS_INACTIVE:
      p->referral = -rng_int (&rng, 90, 900);
      p->status_changed = rng_int (&rng, p->referral + 60, -1);
      break;
    case LW_STATUS_EXITED:
    default:
      p->referral = -rng_int (&rng, 180, 1200);
      p->status_changed = rng_int (&rng, p->referral + 120, -1);
      break;
    }
  /* a few status changes since the last meeting */
  if (index == 1 || (p->status != LW_STATUS_REFERRED && rng_chance (&rng, 8)))
    {
      int recent = -rng_int (&rng, 0, 6);

      p->status_changed = MAX (p->referral + 1, recent);
    }
  p->status_changed = MIN (p->status_changed, 0);

  switch (p->status)
    {
    case LW_STATUS_REFERRED:
    case LW_STATUS_INTAKE_SCHEDULED:
      gap = rng_int (&rng, 0, 10);
      break;
    case LW_STATUS_ACTIVE:
      gap = rng_chance (&rng, 70) ? rng_int (&rng, 0, 13) : rng_int (&rng, 14, 45);
      break;
    case LW_STATUS_INACTIVE:
      gap = rng_int (&rng, 30, 120);
      break;
    case LW_STATUS_EXITED:
    default:
      gap = rng_int (&rng, 30, 300);
      break;
    }
  p->last_contact = MAX (p->referral, -gap);
  p->flagged = index == 2 || (p->status != LW_STATUS_EXITED && rng_chance (&rng, 5));

  p->case_manager_id = person_of_role (demo, LW_ROLE_CASE_MANAGER, (index + rng_int (&rng, 0, 1)) % n_cm);
  if (rng_chance (&rng, 70))
    p->peer_worker_id = person_of_role (demo, LW_ROLE_PEER_OUTREACH, rng_int (&rng, 0, n_peer - 1));

  given = PICK (&rng, given_names);
  family = PICK (&rng, family_names);
  record->code = g_strdup_printf ("P-%04u", index + 1);
  if (rng_chance (&rng, 30))
    record->legal_name = g_strdup_printf ("%s %c. %s", given, 'A' + rng_int (&rng, 0, 25), family);
  else
    record->legal_name = g_strdup_printf ("%s %s", given, family);
  if (rng_chance (&rng, 20))
    record->preferred_name = g_strdup (PICK (&rng, nicknames));
  else if (rng_chance (&rng, 80))
    record->preferred_name = g_strdup (given);
  if (rng_chance (&rng, 25))
    record->aliases = g_strdup_printf ("%s; %s %s", PICK (&rng, nicknames), given, PICK (&rng, family_names));
  else if (rng_chance (&rng, 15))
    record->aliases = g_strdup (PICK (&rng, nicknames));
  age_days = rng_int (&rng, 19 * 365, 68 * 365);
  record->date_of_birth = demo_day (demo, -age_days);

  record->referral_route = route;
  record->referral_date = demo_day (demo, p->referral);
  if (route == LW_REFERRAL_COMMUNITY)
    record->referrer = g_strdup (PICK (&rng, community_referrers));
  else
    {
      guint n_police = count_of_role (LW_ROLE_POLICE_OFFICER);
      LwId officer = rng_chance (&rng, 85)
                     ? person_of_role (demo, LW_ROLE_POLICE_OFFICER, rng_int (&rng, 0, n_police - 1))
                     : person_of_role (demo, LW_ROLE_POLICE_SERGEANT, 0);

      record->referrer = g_strdup_printf ("%s, %s", person_name (demo, officer), AGENCY_POLICE);
      p->officer_id = officer;
    }
  record->status = p->status;
  record->status_changed = demo_day (demo, p->status_changed);
  if (p->status == LW_STATUS_EXITED)
    record->exit_reason = with_mark (exit_reasons[p->referral < 0 ? (guint) -p->referral % G_N_ELEMENTS (exit_reasons) : 0]);
  record->case_manager_id = p->case_manager_id;
  record->peer_worker_id = p->peer_worker_id;
  record->last_contact = demo_day (demo, p->last_contact);
  record->flagged = p->flagged;

  record->housing_status = rng_weighted (&rng, housing_weights, LW_N_HOUSING);
  record->housing_notes = with_mark (housing_notes[record->housing_status][rng_int (&rng, 0, 2)]);
  if (p->status != LW_STATUS_REFERRED || rng_chance (&rng, 30))
    record->health_notes = with_mark (PICK (&rng, health_notes));
  if (p->status != LW_STATUS_REFERRED && rng_chance (&rng, 85))
    record->substance_use = with_mark (PICK (&rng, substance_notes));
  record->address = make_address (&rng, record->housing_status);
  record->neighbourhood = g_strdup (PICK (&rng, neighbourhoods));

  {
    /* where they lived when they came in: the history keeps it */
    int now = record->housing_status;

    record->housing_status = entry_housing (demo, index, p->status, now);
    if (!lw_store_insert (demo->store, record, error))
      return FALSE;
    p->id = record->id;
    if (record->housing_status != now)
      {
        record->housing_status = now;
        if (!lw_store_update (demo->store, record, error))
          return FALSE;
      }
  }
  if (!generate_history (demo, index, p, error))
    return FALSE;

  return generate_goals (demo, &rng, p, error) &&
         generate_contacts (demo, &rng, p, error) &&
         generate_legal (demo, &rng, p, route, index == 0, error) &&
         generate_consents (demo, &rng, p, index, error);
}

/* ------------------------------------------------------------------------- */
/* Community concerns and diversion decisions                                 */

static guint
random_participant (DemoRng *rng,
                    Demo    *demo)
{
  return (guint) (rng_next (rng) % demo->n_participants);
}

static gboolean
generate_concerns (Demo    *demo,
                   GError **error)
{
  DemoRng rng;
  int n, start;
  guint n_reps = count_of_role (LW_ROLE_COMMUNITY_REPRESENTATIVE);

  rng_init (&rng, demo->seed, 2);
  n = rng_int (&rng, 4, 8);
  start = rng_int (&rng, 0, G_N_ELEMENTS (concerns) - 1);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();
      const DemoConcern *c = &concerns[(start + i) % G_N_ELEMENTS (concerns)];
      /* the newest first; the oldest predates the first past meeting */
      int day = i == 0 ? -rng_int (&rng, 2, 6)
                       : -(i * 100 / n) - rng_int (&rng, 3, 10);
      gboolean open;

      if (rng_chance (&rng, 60))
        concern->reported_by = g_strdup (person_name (demo, person_of_role (demo, LW_ROLE_COMMUNITY_REPRESENTATIVE,
                                                                           rng_int (&rng, 0, n_reps - 1))));
      else
        concern->reported_by = g_strdup (PICK (&rng, community_referrers));
      concern->date = demo_day (demo, day);
      concern->area = g_strdup (c->area);
      concern->text = with_mark (c->text);
      concern->planned_response = g_strdup (c->response);
      if (i == 0)
        concern->status = LW_CONCERN_OPEN;
      else if (day > -30)
        concern->status = rng_chance (&rng, 50) ? LW_CONCERN_OPEN : LW_CONCERN_RESPONDED;
      else
        concern->status = rng_weighted (&rng, (const int[]) { 10, 30, 60 }, LW_N_CONCERN_STATUSES);
      open = concern->status != LW_CONCERN_CLOSED;
      /* what was done, and when: the days after it was raised, never after today */
      if (concern->status != LW_CONCERN_OPEN)
        {
          concern->response = with_mark (c->done);
          concern->response_kind = c->kind;
          concern->responded_date = demo_day (demo, MIN (0, day + 3 + i % 4));
          if (concern->status == LW_CONCERN_CLOSED)
            concern->closed_date = demo_day (demo, MIN (0, day + 10 + i % 5));
        }
      if (demo->n_participants > 0 && rng_chance (&rng, 45))
        {
          DemoParticipant *p = &demo->participants[random_participant (&rng, demo)];

          concern->participant_id = p->id;
          if (open)
            p->concern = TRUE;
        }
      if (!lw_store_insert (demo->store, concern, error))
        return FALSE;
      g_array_append_val (demo->concern_ids, concern->id);
      g_array_append_val (demo->concern_days, day);
      g_array_append_val (demo->concern_open, open);
    }
  return TRUE;
}

static gboolean
generate_diversions (Demo    *demo,
                     GError **error)
{
  g_autofree gboolean *linked = g_new0 (gboolean, MAX (demo->n_participants, 1));
  DemoRng rng;
  int n;
  guint n_police = count_of_role (LW_ROLE_POLICE_OFFICER);

  rng_init (&rng, demo->seed, 3);
  n = rng_int (&rng, 10, 30);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(LwDiversionDecision) decision = lw_diversion_decision_new ();
      int day = -rng_int (&rng, 1, 180);

      decision->officer_id = rng_chance (&rng, 80)
                             ? person_of_role (demo, LW_ROLE_POLICE_OFFICER, rng_int (&rng, 0, n_police - 1))
                             : person_of_role (demo, LW_ROLE_POLICE_SERGEANT, 0);
      decision->eligible = TRUE;
      decision->diverted = FALSE;
      /* a diversion is how a participant on a police route came in */
      for (int tries = 0; rng_chance (&rng, 60) && tries < 20 && demo->n_participants > 0; tries++)
        {
          DemoParticipant *p = &demo->participants[random_participant (&rng, demo)];

          if (p->officer_id == 0 || linked[p - demo->participants])
            continue;
          linked[p - demo->participants] = TRUE;
          decision->diverted = TRUE;
          decision->participant_id = p->id;
          decision->officer_id = p->officer_id;
          day = p->referral;
          break;
        }
      if (!decision->diverted)
        {
          decision->reason = g_strdup (PICK (&rng, no_divert_reasons));
          decision->eligible = g_str_has_prefix (decision->reason, "Eligible");
        }
      decision->date = demo_day (demo, day);
      decision->incident_number = g_strdup_printf ("HCPD-%.2s-%06d", decision->date + 2,
                                                   rng_int (&rng, 1000, 99999));
      if (!lw_store_insert (demo->store, decision, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Meetings                                                                   */

static char *
reasons_to_string (guint mask)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < N_REASONS; i++)
    if (mask & (1u << i))
      {
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, reason_codes[i]);
      }
  return g_string_free (s, s->len == 0);
}

static gboolean
insert_attendance (Demo         *demo,
                   LwId          meeting_id,
                   guint         person,
                   gboolean      absent,
                   gint64        arrived,
                   DemoRng      *rng,
                   GArray       *attendees,
                   GError      **error)
{
  g_autoptr(LwAttendance) att = lw_attendance_new ();
  DemoAttendee a = { demo->people[person], demo_people[person].role, absent };

  att->meeting_id = meeting_id;
  att->person_id = a.person_id;
  att->role = a.role;
  att->absent = absent;
  if (!absent && arrived != 0)
    {
      att->checked_in_at = arrived + (gint64) rng_int (rng, -300, 420) * G_USEC_PER_SEC;
      att->confidentiality_at = att->checked_in_at + (gint64) rng_int (rng, 20, 120) * G_USEC_PER_SEC;
    }
  if (!lw_store_insert (demo->store, att, error))
    return FALSE;
  g_array_append_val (attendees, a);
  return TRUE;
}

/* Indices into demo_people of who comes to a meeting. */
static guint
meeting_roster (DemoRng *rng,
                int      meeting,
                gboolean upcoming,
                guint   *roster)
{
  guint n = 0;

  for (guint i = 0; i < N_DEMO_PEOPLE; i++)
    {
      const DemoPerson *p = &demo_people[i];
      gboolean comes;

      if (!p->active)
        continue;
      switch (p->role)
        {
        case LW_ROLE_POLICE_OFFICER:
          /* one officer at a time, taking turns */
          comes = (i + meeting) % 3 == 0;
          break;
        case LW_ROLE_COMMUNITY_REPRESENTATIVE:
          comes = upcoming || (i + meeting) % 2 == 0;
          break;
        case LW_ROLE_EVALUATOR:
          comes = !upcoming && meeting % 3 == 1;
          break;
        case LW_ROLE_SERVICE_PROVIDER:
        case LW_ROLE_PEER_OUTREACH:
          comes = upcoming || rng_chance (rng, 80);
          break;
        default:
          comes = TRUE;
          break;
        }
      if (comes)
        roster[n++] = i;
    }
  return n;
}

static LwId
pick_owner (DemoRng *rng,
            GArray  *attendees,
            LwRole   role,
            LwId     prefer)
{
  guint start = attendees->len > 0 ? (guint) (rng_next (rng) % attendees->len) : 0;
  LwId fallback = 0;

  for (guint i = 0; i < attendees->len; i++)
    {
      const DemoAttendee *a = &g_array_index (attendees, DemoAttendee, i);

      if (a->absent || a->person_id == 0)
        continue;
      /* the participant's own case manager takes case management work */
      if (role == LW_ROLE_CASE_MANAGER && a->person_id == prefer)
        return prefer;
      /* else the project manager, or whoever is there */
      if (fallback == 0 || a->role == LW_ROLE_PROJECT_MANAGER)
        fallback = a->person_id;
    }
  for (guint i = 0; i < attendees->len; i++)
    {
      const DemoAttendee *a = &g_array_index (attendees, DemoAttendee, (start + i) % attendees->len);

      if (!a->absent && a->person_id != 0 && a->role == role)
        return a->person_id;
    }
  return fallback;
}

/* An action item agreed at the past meeting `meeting` days from today. */
static gboolean
insert_past_action (Demo            *demo,
                    DemoRng         *rng,
                    const DemoAction *action,
                    GArray          *attendees,
                    DemoParticipant *p,
                    LwId             meeting_id,
                    LwId             item_id,
                    int              meeting_day,
                    int              meetings_since,
                    gint64           created_at,
                    int              force_state,
                    GError         **error)
{
  g_autoptr(LwActionItem) item = lw_action_item_new ();
  int due = meeting_day + rng_int (rng, 5, 21);

  item->text = g_strdup (action->text);
  item->owner_id = pick_owner (rng, attendees, action->role, p ? p->case_manager_id : 0);
  item->participant_id = p ? p->id : 0;
  item->meeting_id = meeting_id;
  item->agenda_item_id = item_id;
  item->created_at = created_at;

  if (force_state >= 0)
    item->status = force_state;
  else if (due < 0)
    item->status = rng_weighted (rng, (const int[]) { 25, 60, 15 }, LW_N_ACTION_STATUSES);
  else
    item->status = rng_weighted (rng, (const int[]) { 70, 25, 5 }, LW_N_ACTION_STATUSES);
  if (force_state == LW_ACTION_OPEN && due >= 0)
    due = rng_int (rng, meeting_day + 3, -1);
  item->due_date = demo_day (demo, due);

  if (item->status == LW_ACTION_OPEN)
    {
      /* still open: it came back at every later meeting */
      item->carried_over = meetings_since;
      if (p != NULL && due <= DEMO_NEXT_MEETING_IN)
        p->action_due = TRUE;
    }
  else
    {
      int closed = rng_int (rng, meeting_day + 1, MIN (-1, due + 5));

      item->carried_over = rng_int (rng, 0, 1);
      item->carried_over = MIN (meetings_since, item->carried_over);
      item->closed_at = demo_time (demo, closed, rng_int (rng, 8 * 60, 17 * 60));
    }
  if (item->owner_id == 0)
    item->owner_id = demo->people[0];
  return lw_store_insert (demo->store, item, error);
}

static gboolean
eligible_at (const DemoParticipant *p,
             int                    day)
{
  if (p->referral >= day)
    return FALSE;
  if (p->status == LW_STATUS_EXITED && p->status_changed < day)
    return FALSE;
  return TRUE;
}

static gboolean
generate_past_meeting (Demo    *demo,
                       int      index,      /* 0 is the oldest */
                       int      day,
                       GError **error)
{
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(GArray) attendees = g_array_new (FALSE, FALSE, sizeof (DemoAttendee));
  g_autofree guint *chosen = NULL;
  guint roster[N_DEMO_PEOPLE];
  guint n_roster, n_chosen = 0, n_items;
  DemoRng rng;
  gint64 start, clock;
  int absent_slot, position = 0;
  int meetings_since = DEMO_N_PAST_MEETINGS - 1 - index;
  gboolean forced_overdue = FALSE;

  rng_init (&rng, demo->seed, 10 + index);
  start = demo_time (demo, day, DEMO_START_MINUTES);

  meeting->date = demo_day (demo, day);
  meeting->start_time = g_strdup (DEMO_START_TIME);
  meeting->length_minutes = DEMO_LENGTH_MINUTES;
  meeting->place = g_strdup (DEMO_PLACE);
  meeting->status = LW_MEETING_CLOSED;
  meeting->started_at = start + (gint64) rng_int (&rng, 0, 300) * G_USEC_PER_SEC;
  if (!lw_store_insert (demo->store, meeting, error))
    return FALSE;

  /* attendance: everyone on the roster, one of them absent (never the PM) */
  n_roster = meeting_roster (&rng, index, FALSE, roster);
  absent_slot = rng_int (&rng, 1, n_roster - 1);
  for (guint i = 0; i < n_roster; i++)
    if (!insert_attendance (demo, meeting->id, roster[i], (int) i == absent_slot,
                            start, &rng, attendees, error))
      return FALSE;
  if (index == 2)
    {
      /* a guest from the jail's release team */
      g_autoptr(LwAttendance) guest = lw_attendance_new ();

      guest->meeting_id = meeting->id;
      guest->guest_name = g_strdup ("Chris Visitor");
      guest->guest_agency = g_strdup ("Harbor County Jail Reentry Team");
      guest->role = LW_ROLE_SERVICE_PROVIDER;
      guest->checked_in_at = start + (gint64) rng_int (&rng, 0, 600) * G_USEC_PER_SEC;
      guest->confidentiality_at = guest->checked_in_at + 60 * G_USEC_PER_SEC;
      if (!lw_store_insert (demo->store, guest, error))
        return FALSE;
    }

  /* participants: sampled, so a large program costs no more than a small one */
  n_items = (guint) rng_int (&rng, 6, 10);
  chosen = g_new0 (guint, n_items);
  for (guint tries = 0; n_chosen < n_items && tries < n_items * 30 && demo->n_participants > 0; tries++)
    {
      guint idx = demo->n_participants <= n_items * 3
                  ? tries % demo->n_participants
                  : random_participant (&rng, demo);
      gboolean dup = FALSE;

      if (!eligible_at (&demo->participants[idx], day))
        continue;
      for (guint j = 0; j < n_chosen; j++)
        dup = dup || chosen[j] == idx;
      if (!dup)
        chosen[n_chosen++] = idx;
    }

  clock = meeting->started_at + (gint64) rng_int (&rng, 60, 240) * G_USEC_PER_SEC;
  for (guint i = 0; i < n_chosen; i++)
    {
      g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
      DemoParticipant *p = &demo->participants[chosen[i]];
      guint reasons = 0;
      int n_actions;

      if (p->referral >= day - 14)
        reasons |= REASON_NEW_REFERRAL;
      if (reasons == 0 || rng_chance (&rng, 40))
        reasons |= 1u << rng_int (&rng, 1, N_REASONS - 1);
      if (p->flagged)
        reasons |= REASON_FLAGGED;

      item->meeting_id = meeting->id;
      item->position = position++;
      item->kind = LW_ITEM_PARTICIPANT;
      item->participant_id = p->id;
      item->reasons = reasons_to_string (reasons);
      item->time_budget = rng_chance (&rng, 70) ? DEMO_DEFAULT_BUDGET : PICK (&rng, ((const int[]) { 180, 420, 600 }));
      item->started_at = clock;
      clock += (item->time_budget + rng_int (&rng, -90, 120)) * G_USEC_PER_SEC;
      item->ended_at = clock;
      {
        int first = 0;

        while (!(reasons & (1u << first)))
          first++;
        item->notes = with_mark (discussion_notes[first][rng_int (&rng, 0, 1)]);
        item->outcome = g_strdup (outcomes[first][rng_int (&rng, 0, 1)]);
      }
      if (!lw_store_insert (demo->store, item, error))
        return FALSE;

      n_actions = rng_int (&rng, 0, 2);
      if (index == 0 && i == 0)
        n_actions = 3;
      for (int k = 0; k < n_actions; k++)
        {
          int force = -1;

          /* the oldest meeting always leaves one of each behind */
          if (index == 0 && i == 0)
            force = k == 0 ? LW_ACTION_OPEN : k == 1 ? LW_ACTION_DONE : LW_ACTION_DROPPED;
          else if (!forced_overdue && index == 1)
            force = LW_ACTION_OPEN;
          forced_overdue = forced_overdue || force == LW_ACTION_OPEN;
          if (!insert_past_action (demo, &rng, &PICK (&rng, participant_actions), attendees, p,
                                   meeting->id, item->id, day, meetings_since,
                                   item->ended_at - (gint64) rng_int (&rng, 20, 120) * G_USEC_PER_SEC,
                                   force, error))
            return FALSE;
        }
    }

  /* the newest community concern raised before this meeting */
  for (guint c = 0; c < demo->concern_ids->len; c++)
    {
      g_autoptr(LwAgendaItem) item = NULL;
      int cday = g_array_index (demo->concern_days, int, c);

      if (cday >= day)
        continue;
      item = lw_agenda_item_new ();
      item->meeting_id = meeting->id;
      item->position = position++;
      item->kind = LW_ITEM_CONCERN;
      item->concern_id = g_array_index (demo->concern_ids, LwId, c);
      item->reasons = g_strdup (reason_codes[5]);
      item->time_budget = DEMO_DEFAULT_BUDGET;
      item->started_at = clock;
      clock += (item->time_budget + rng_int (&rng, -60, 60)) * G_USEC_PER_SEC;
      item->ended_at = clock;
      item->notes = with_mark ("Talked through the concern with the community representative; outreach plan agreed");
      item->outcome = g_strdup ("Community representative to report back to the neighbours");
      if (!lw_store_insert (demo->store, item, error))
        return FALSE;
      if (!insert_past_action (demo, &rng, &other_actions[rng_int (&rng, 2, 3)], attendees, NULL,
                               meeting->id, item->id, day, meetings_since,
                               item->ended_at - 30 * G_USEC_PER_SEC, -1, error))
        return FALSE;
      break;
    }

  /* one topic */
  {
    g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

    item->meeting_id = meeting->id;
    item->position = position++;
    item->kind = LW_ITEM_TOPIC;
    item->title = g_strdup (topics[index % G_N_ELEMENTS (topics)]);
    item->time_budget = 600;
    item->started_at = clock;
    clock += (item->time_budget + rng_int (&rng, -180, 120)) * G_USEC_PER_SEC;
    item->ended_at = clock;
    item->notes = with_mark ("Short discussion; figures to be circulated before the next meeting");
    item->outcome = g_strdup ("Project manager to follow up by email");
    if (!lw_store_insert (demo->store, item, error))
      return FALSE;
    if (rng_chance (&rng, 60) &&
        !insert_past_action (demo, &rng, &other_actions[rng_int (&rng, 0, 1)], attendees, NULL,
                             meeting->id, item->id, day, meetings_since,
                             item->ended_at - 30 * G_USEC_PER_SEC, -1, error))
      return FALSE;
  }

  meeting->ended_at = clock + (gint64) rng_int (&rng, 60, 300) * G_USEC_PER_SEC;
  return lw_store_update (demo->store, meeting, error);
}

typedef struct
{
  guint index;
  guint reasons;
  int   score;
} Candidate;

static guint
participant_reasons (const DemoParticipant *p)
{
  guint reasons = 0;

  if (p->status == LW_STATUS_EXITED)
    return 0;
  if (p->referral >= -14)
    reasons |= REASON_NEW_REFERRAL;
  if (p->court_date >= 0 && p->court_date <= 14)
    reasons |= REASON_COURT_DATE_SOON;
  if (p->action_due)
    reasons |= REASON_ACTION_ITEMS_DUE;
  if (p->status != LW_STATUS_REFERRED && p->last_contact <= -14)
    reasons |= REASON_NO_CONTACT;
  if (p->status_changed >= -DEMO_MEETING_EVERY / 2 && p->status != LW_STATUS_REFERRED)
    reasons |= REASON_STATUS_CHANGE;
  if (p->concern)
    reasons |= REASON_COMMUNITY_CONCERN;
  if (p->flagged)
    reasons |= REASON_FLAGGED;
  return reasons;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->score != y->score)
    return y->score - x->score;
  return (x->index > y->index) - (x->index < y->index);
}

static gboolean
generate_upcoming_meeting (Demo    *demo,
                           GError **error)
{
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(GArray) attendees = g_array_new (FALSE, FALSE, sizeof (DemoAttendee));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree guint *picked = NULL;
  guint roster[N_DEMO_PEOPLE];
  guint n_roster, n_items, n_picked = 0;
  int position = 0;
  DemoRng rng;

  rng_init (&rng, demo->seed, 4);

  meeting->date = demo_day (demo, DEMO_NEXT_MEETING_IN);
  meeting->start_time = g_strdup (DEMO_START_TIME);
  meeting->length_minutes = DEMO_LENGTH_MINUTES;
  meeting->place = g_strdup (DEMO_PLACE);
  meeting->status = LW_MEETING_READY;
  if (!lw_store_insert (demo->store, meeting, error))
    return FALSE;

  /* invited, not yet checked in; both community representatives */
  n_roster = meeting_roster (&rng, 0, TRUE, roster);
  for (guint i = 0; i < n_roster; i++)
    if (!insert_attendance (demo, meeting->id, roster[i], FALSE, 0, &rng, attendees, error))
      return FALSE;

  /* the agenda the PM prepared: the participants the rules bring up */
  for (guint i = 0; i < demo->n_participants; i++)
    {
      guint reasons = participant_reasons (&demo->participants[i]);
      Candidate c = { i, reasons, 0 };

      if (reasons == 0)
        continue;
      c.score = count_bits (reasons);
      if (reasons & (REASON_COURT_DATE_SOON | REASON_FLAGGED))
        c.score += 1;
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);

  n_items = (guint) rng_int (&rng, 8, 12);
  n_items = MIN (n_items, candidates->len);
  picked = g_new0 (guint, MAX (n_items, 1));
  /* one of every kind of reason first, then the most pressing */
  for (int r = 0; r < N_REASONS && n_picked < n_items; r++)
    for (guint i = 0; i < candidates->len; i++)
      {
        Candidate *c = &g_array_index (candidates, Candidate, i);

        if ((c->reasons & (1u << r)) && c->score >= 0)
          {
            picked[n_picked++] = i;
            c->score = -1;
            break;
          }
      }
  for (guint i = 0; i < candidates->len && n_picked < n_items; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      if (c->score >= 0)
        {
          picked[n_picked++] = i;
          c->score = -1;
        }
    }

  for (guint i = 0; i < n_picked; i++)
    {
      g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
      const Candidate *c = &g_array_index (candidates, Candidate, picked[i]);
      int n_reasons = count_bits (c->reasons);

      item->meeting_id = meeting->id;
      item->position = position++;
      item->kind = LW_ITEM_PARTICIPANT;
      item->participant_id = demo->participants[c->index].id;
      item->reasons = reasons_to_string (c->reasons);
      if (n_reasons >= 3)
        item->time_budget = 420;
      else if (c->reasons == REASON_NEW_REFERRAL)
        item->time_budget = 180;
      else
        item->time_budget = DEMO_DEFAULT_BUDGET;
      if (!lw_store_insert (demo->store, item, error))
        return FALSE;
    }

  /* the newest open community concern */
  for (guint i = 0; i < demo->concern_ids->len; i++)
    {
      g_autoptr(LwAgendaItem) item = NULL;

      if (!g_array_index (demo->concern_open, gboolean, i))
        continue;
      item = lw_agenda_item_new ();
      item->meeting_id = meeting->id;
      item->position = position++;
      item->kind = LW_ITEM_CONCERN;
      item->concern_id = g_array_index (demo->concern_ids, LwId, i);
      item->reasons = g_strdup (reason_codes[5]);
      item->time_budget = DEMO_DEFAULT_BUDGET;
      if (!lw_store_insert (demo->store, item, error))
        return FALSE;
      break;
    }

  {
    g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

    item->meeting_id = meeting->id;
    item->position = position++;
    item->kind = LW_ITEM_TOPIC;
    item->title = g_strdup (topics[DEMO_N_PAST_MEETINGS % G_N_ELEMENTS (topics)]);
    item->time_budget = 600;
    if (!lw_store_insert (demo->store, item, error))
      return FALSE;
  }
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static gboolean
generate (Demo    *demo,
          GError **error)
{
  if (!generate_people (demo, error))
    return FALSE;
  for (guint i = 0; i < demo->n_participants; i++)
    if (!generate_participant (demo, i, error))
      return FALSE;
  if (!generate_concerns (demo, error) ||
      !generate_diversions (demo, error))
    return FALSE;
  for (int i = 0; i < DEMO_N_PAST_MEETINGS; i++)
    {
      int day = DEMO_NEXT_MEETING_IN - DEMO_MEETING_EVERY * (DEMO_N_PAST_MEETINGS - i);

      if (!generate_past_meeting (demo, i, day, error))
        return FALSE;
    }
  return generate_upcoming_meeting (demo, error);
}

gboolean
lw_demo_generate (LwStore  *store,
                  guint     n_participants,
                  guint64   seed,
                  GError  **error)
{
  Demo demo = { 0, };
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_LOCKED,
                           _("Unlock the program before writing the demo into it"));
      return FALSE;
    }
  existing = lw_store_count (store, &lw_person_table, error);
  if (existing < 0)
    return FALSE;
  if (existing == 0)
    existing = lw_store_count (store, &lw_participant_table, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_EXISTS,
                           _("The demo program can only be written into an empty file"));
      return FALSE;
    }

  demo.store = store;
  demo.seed = seed;
  demo.today = lw_date_today ();
  demo.n_participants = n_participants;
  demo.participants = g_new0 (DemoParticipant, MAX (n_participants, 1));
  demo.concern_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  demo.concern_days = g_array_new (FALSE, FALSE, sizeof (int));
  demo.concern_open = g_array_new (FALSE, FALSE, sizeof (gboolean));

  g_debug ("Writing a demo program of %u participants", n_participants);

  /* one transaction: all of the demo or none of it (a failed commit rolls back) */
  ok = lw_store_begin (store, error);
  if (ok)
    {
      if (generate (&demo, error))
        ok = lw_store_commit (store, error);
      else
        {
          lw_store_rollback (store);
          ok = FALSE;
        }
    }

  g_free (demo.today);
  g_free (demo.participants);
  g_array_unref (demo.concern_ids);
  g_array_unref (demo.concern_days);
  g_array_unref (demo.concern_open);
  return ok;
}
