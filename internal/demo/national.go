package demo

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
	"certibloc/internal/store"
)

// The national scale of DOMAIN.md: about 300 employers, 5,000 to 6,000
// candidates a year kept online for 10 years (60,000 candidates, about 150,000
// block attempts).
const (
	NationalCandidates = 60000
	NationalYears      = 10
)

// NationalSettingKey records in the settings table that the national data was
// loaded (or that a load started and did not finish).
const NationalSettingKey = "demo.national"

// NationalVersion changes whenever the generated data changes, so that caches
// of national databases (benchmarks) are rebuilt.
const NationalVersion = 2

// DefaultNationalSeed is the seed of the national data unless told otherwise:
// the same seed and date give the same database, so benchmarks compare.
const DefaultNationalSeed = 20260820

// NationalOptions tunes LoadNational.
type NationalOptions struct {
	Fraction float64   // share of the national scale to load, in (0, 1]; 0 means 1 (tests load 0.01)
	Seed     uint64    // 0 means DefaultNationalSeed
	Progress io.Writer // French progress lines; nil for none
}

// NationalResult is what LoadNational created.
type NationalResult struct {
	Employers        int // employers of the national set
	EmployersCreated int // of which created by this load (the others were there, e.g. the regular demo)
	Candidates       int
	Registrations    int
	Attempts         int
	Deleted          int // registrations deleted (soft) before their jury
	JuryMembers      int // active members of the jury pool, with a year of availability
	Statuses         map[certif.AttemptStatus]int
	Qualifications   map[string]int // registrations per CQP
	FirstYear        int
	LastYear         int
	Duration         time.Duration
}

// national writes the national data (employers and bulk loads, which no rule
// of a day governs): the platform, under the name the audit trail shows as
// having created them.
var national = store.Caller{Actor: store.Actor{Email: "données de démonstration (échelle nationale)"}, Role: certif.RoleOffice, Scope: store.All}

// Batch sizes: each transaction writes about 5,000 rows.
const (
	candidateBatch    = 2500 // candidates and their audit events
	registrationBatch = 1200 // registrations, about two attempts each, and their audit events
)

// LoadNational fills the database at the national scale of DOMAIN.md: about 300
// employers of the four branches (293, the real organismes: CPAM, CGSS, CAF,
// Urssaf, Carsat, DRSM, Ugecam, IT centres, caisses nationales), 60,000 candidates with French
// identities, and 10 years of registrations ending with today's year, whose
// block attempts are decided in the past and waiting for a jury lately. The data
// is fictitious and deterministic (same seed, date and fraction, same data). It
// works on an empty database (the referential is loaded first) or on top of the
// regular demo data, whose employers it reuses; it refuses a database that
// already holds national data. Past registrations skip the 3-month rule (R6):
// they are history; every other rule holds (see store.BulkRegistration).
func LoadNational(ctx context.Context, st *store.Store, today certif.Date, opts NationalOptions) (NationalResult, error) {
	start := time.Now()
	res := NationalResult{Statuses: map[certif.AttemptStatus]int{}, Qualifications: map[string]int{}}
	fraction := cmp.Or(opts.Fraction, 1)
	if fraction < 0 || fraction > 1 || math.IsNaN(fraction) {
		return res, certif.Errorf(certif.EInvalid, "La part de l'échelle nationale doit être comprise entre 0 et 1 (reçu : %g).", fraction)
	}
	n := int(math.Round(NationalCandidates * fraction))
	if n < 1 {
		return res, certif.Errorf(certif.EInvalid, "Part de l'échelle nationale trop petite (%g) : aucun candidat à créer.", fraction)
	}
	progress := func(format string, args ...any) {
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, format+"\n", args...)
		}
	}
	if _, err := seed.Load(ctx, st); err != nil {
		return res, err
	}
	if v, err := st.Setting(ctx, NationalSettingKey); err != nil {
		return res, err
	} else if v != "" {
		if strings.HasPrefix(v, "en cours") {
			return res, certif.Errorf(certif.EConflict, "Un chargement des données nationales a commencé (%s) sans se terminer : la base en contient une partie. Repartez d'une base neuve.", v)
		}
		return res, certif.Errorf(certif.EConflict, "La base contient déjà les données nationales de démonstration (%s) : rien n'a été modifié.", v)
	}
	quals, err := st.Qualifications(ctx, true)
	if err != nil {
		return res, err
	}
	progs, err := confirmProgrammes(ctx, st, store.Platform())
	if err != nil {
		return res, err
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		return res, err
	}
	emps, created, err := ensureNationalEmployers(ctx, st)
	if err != nil {
		return res, err
	}
	res.Employers, res.EmployersCreated = len(emps), created
	progress("Employeurs : %s (%s créés, %s déjà présents).", thousands(len(emps)), thousands(created), thousands(len(emps)-created))
	if err := st.SetSetting(ctx, NationalSettingKey, fmt.Sprintf("en cours depuis le %s", time.Now().UTC().Format(time.RFC3339))); err != nil {
		return res, err
	}

	seedValue := cmp.Or(opts.Seed, DefaultNationalSeed)
	members := int(math.Round(NationalMembers * fraction))
	if err := loadNationalPool(ctx, st, rand.New(rand.NewPCG(seedValue, uint64(NationalVersion)+1)), emps, quals, today, members); err != nil {
		return res, err
	}
	res.JuryMembers = members
	progress("Membres de jury : %s, avec leurs disponibilités de l'année à venir.", thousands(members))
	g := newGenerator(rand.New(rand.NewPCG(seedValue, uint64(NationalVersion))), emps, quals, progs, cal, today)
	people := g.generate(n)
	res.FirstYear, res.LastYear = g.firstYear, today.Year()
	var regs []*nationalRegistration
	for _, p := range people {
		regs = append(regs, p.registrations...)
	}
	slices.SortStableFunc(regs, func(a, b *nationalRegistration) int { return a.reg.RegisteredOn.Compare(b.reg.RegisteredOn) })
	totalAttempts := 0
	for _, r := range regs {
		totalAttempts += len(r.reg.Attempts)
	}

	done := fmt.Sprintf("chargées le %s, données au %s : %s candidats, %s inscriptions, %s tentatives de blocs (%d-%d, graine %d, part %g)",
		time.Now().UTC().Format("02/01/2006 15:04 UTC"), today.French(), thousands(len(people)), thousands(len(regs)), thousands(totalAttempts),
		res.FirstYear, res.LastYear, seedValue, fraction)
	// progress lines every tenth of the way
	tenths := map[string]int{}
	step := func(what string, n, total int, format string, args ...any) {
		if t := n * 10 / max(total, 1); t > tenths[what] || n == total {
			tenths[what] = t
			progress(format, args...)
		}
	}

	for startAt := 0; startAt < len(people); startAt += candidateBatch {
		batch := people[startAt:min(startAt+candidateBatch, len(people))]
		list := make([]store.BulkCandidate, len(batch))
		for i, p := range batch {
			list[i] = store.BulkCandidate{Candidate: p.cand, CreatedOn: p.createdOn}
		}
		if err := st.BulkLoad(ctx, national, func(b *store.Bulk) error { return b.Candidates(list) }); err != nil {
			return res, fmt.Errorf("données nationales, candidats : %w", err)
		}
		for i, p := range batch {
			p.cand = list[i].Candidate
		}
		res.Candidates += len(batch)
		step("candidates", res.Candidates, len(people), "Candidats : %s / %s", thousands(res.Candidates), thousands(len(people)))
	}

	for startAt := 0; startAt < len(regs); startAt += registrationBatch {
		batch := regs[startAt:min(startAt+registrationBatch, len(regs))]
		list := make([]store.BulkRegistration, len(batch))
		for i, r := range batch {
			r.reg.CandidateID, r.reg.EmployerID = r.person.cand.ID, r.person.cand.EmployerID
			list[i] = store.BulkRegistration{Registration: r.reg, DeletedOn: r.deletedOn, DeletedReason: r.deletedReason}
		}
		last := startAt+registrationBatch >= len(regs)
		err := st.BulkLoad(ctx, national, func(b *store.Bulk) error {
			if err := b.Registrations(list); err != nil {
				return err
			}
			if !last {
				return nil
			}
			return b.SetSetting(NationalSettingKey, done) // with the last rows: complete or not at all
		})
		if err != nil {
			return res, fmt.Errorf("données nationales, inscriptions : %w", err)
		}
		for _, g := range list {
			res.Registrations++
			res.Qualifications[g.Qualification]++
			if !g.DeletedOn.IsZero() {
				res.Deleted++
			}
			for _, a := range g.Attempts {
				res.Attempts++
				res.Statuses[a.Status]++
			}
		}
		step("attempts", res.Attempts, totalAttempts, "Tentatives de blocs : %s / %s (%s inscriptions)",
			thousands(res.Attempts), thousands(totalAttempts), thousands(res.Registrations))
	}
	if len(regs) == 0 {
		if err := st.SetSetting(ctx, NationalSettingKey, done); err != nil {
			return res, err
		}
	}
	if err := st.AnalyzeAfterBulkLoad(ctx); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	progress("Durée : %s.", frenchDuration(res.Duration))
	return res, nil
}

// frenchDuration writes a duration as French does: 42,3 s or 2 min 05 s.
func frenchDuration(d time.Duration) string {
	if d < time.Minute {
		return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %02d s", int(d.Minutes()), int(d.Seconds())%60)
}

// thousands writes n with a space between thousands, as French does: 60 000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// ---- employers ----

// nationalEmployer is an organisme of the national set; weight is its relative
// number of candidates, communes where its candidates are usually born.
type nationalEmployer struct {
	certif.Employer
	weight   float64
	communes []string
}

// departement is a French département: code, name with its preposition ("de
// la Gironde"), region, INSEE code of its chef-lieu and size (1 small, 3 large).
type departement struct {
	code, of, region, chefLieu string
	size                       int
}

// departements lists the 101 départements (data as of 2026).
var departements = parseDepartements(`01;de l'Ain;Auvergne-Rhône-Alpes;01053;1
02;de l'Aisne;Hauts-de-France;02408;1
03;de l'Allier;Auvergne-Rhône-Alpes;03190;1
04;des Alpes-de-Haute-Provence;Provence-Alpes-Côte d'Azur;04070;1
05;des Hautes-Alpes;Provence-Alpes-Côte d'Azur;05061;1
06;des Alpes-Maritimes;Provence-Alpes-Côte d'Azur;06088;3
07;de l'Ardèche;Auvergne-Rhône-Alpes;07186;1
08;des Ardennes;Grand Est;08105;1
09;de l'Ariège;Occitanie;09122;1
10;de l'Aube;Grand Est;10387;1
11;de l'Aude;Occitanie;11069;1
12;de l'Aveyron;Occitanie;12202;1
13;des Bouches-du-Rhône;Provence-Alpes-Côte d'Azur;13055;3
14;du Calvados;Normandie;14118;2
15;du Cantal;Auvergne-Rhône-Alpes;15014;1
16;de la Charente;Nouvelle-Aquitaine;16015;1
17;de la Charente-Maritime;Nouvelle-Aquitaine;17300;2
18;du Cher;Centre-Val de Loire;18033;1
19;de la Corrèze;Nouvelle-Aquitaine;19272;1
2A;de la Corse-du-Sud;Corse;2A004;1
2B;de la Haute-Corse;Corse;2B033;1
21;de la Côte-d'Or;Bourgogne-Franche-Comté;21231;2
22;des Côtes-d'Armor;Bretagne;22278;1
23;de la Creuse;Nouvelle-Aquitaine;23096;1
24;de la Dordogne;Nouvelle-Aquitaine;24322;1
25;du Doubs;Bourgogne-Franche-Comté;25056;2
26;de la Drôme;Auvergne-Rhône-Alpes;26362;1
27;de l'Eure;Normandie;27229;1
28;d'Eure-et-Loir;Centre-Val de Loire;28085;1
29;du Finistère;Bretagne;29232;2
30;du Gard;Occitanie;30189;2
31;de la Haute-Garonne;Occitanie;31555;3
32;du Gers;Occitanie;32013;1
33;de la Gironde;Nouvelle-Aquitaine;33063;3
34;de l'Hérault;Occitanie;34172;3
35;d'Ille-et-Vilaine;Bretagne;35238;2
36;de l'Indre;Centre-Val de Loire;36044;1
37;d'Indre-et-Loire;Centre-Val de Loire;37261;2
38;de l'Isère;Auvergne-Rhône-Alpes;38185;3
39;du Jura;Bourgogne-Franche-Comté;39300;1
40;des Landes;Nouvelle-Aquitaine;40192;1
41;de Loir-et-Cher;Centre-Val de Loire;41018;1
42;de la Loire;Auvergne-Rhône-Alpes;42218;2
43;de la Haute-Loire;Auvergne-Rhône-Alpes;43157;1
44;de la Loire-Atlantique;Pays de la Loire;44109;3
45;du Loiret;Centre-Val de Loire;45234;2
46;du Lot;Occitanie;46042;1
47;de Lot-et-Garonne;Nouvelle-Aquitaine;47001;1
48;de la Lozère;Occitanie;48095;1
49;de Maine-et-Loire;Pays de la Loire;49007;2
50;de la Manche;Normandie;50502;1
51;de la Marne;Grand Est;51108;2
52;de la Haute-Marne;Grand Est;52121;1
53;de la Mayenne;Pays de la Loire;53130;1
54;de Meurthe-et-Moselle;Grand Est;54395;2
55;de la Meuse;Grand Est;55029;1
56;du Morbihan;Bretagne;56260;2
57;de la Moselle;Grand Est;57463;2
58;de la Nièvre;Bourgogne-Franche-Comté;58194;1
59;du Nord;Hauts-de-France;59350;3
60;de l'Oise;Hauts-de-France;60057;2
61;de l'Orne;Normandie;61001;1
62;du Pas-de-Calais;Hauts-de-France;62041;3
63;du Puy-de-Dôme;Auvergne-Rhône-Alpes;63113;2
64;des Pyrénées-Atlantiques;Nouvelle-Aquitaine;64445;2
65;des Hautes-Pyrénées;Occitanie;65440;1
66;des Pyrénées-Orientales;Occitanie;66136;2
67;du Bas-Rhin;Grand Est;67482;3
68;du Haut-Rhin;Grand Est;68066;2
69;du Rhône;Auvergne-Rhône-Alpes;69123;3
70;de la Haute-Saône;Bourgogne-Franche-Comté;70550;1
71;de Saône-et-Loire;Bourgogne-Franche-Comté;71270;2
72;de la Sarthe;Pays de la Loire;72181;2
73;de la Savoie;Auvergne-Rhône-Alpes;73065;1
74;de la Haute-Savoie;Auvergne-Rhône-Alpes;74010;2
75;de Paris;Île-de-France;75056;3
76;de la Seine-Maritime;Normandie;76540;3
77;de Seine-et-Marne;Île-de-France;77288;3
78;des Yvelines;Île-de-France;78646;3
79;des Deux-Sèvres;Nouvelle-Aquitaine;79191;1
80;de la Somme;Hauts-de-France;80021;2
81;du Tarn;Occitanie;81004;1
82;de Tarn-et-Garonne;Occitanie;82121;1
83;du Var;Provence-Alpes-Côte d'Azur;83137;3
84;de Vaucluse;Provence-Alpes-Côte d'Azur;84007;2
85;de la Vendée;Pays de la Loire;85191;2
86;de la Vienne;Nouvelle-Aquitaine;86194;1
87;de la Haute-Vienne;Nouvelle-Aquitaine;87085;1
88;des Vosges;Grand Est;88160;1
89;de l'Yonne;Bourgogne-Franche-Comté;89024;1
90;du Territoire de Belfort;Bourgogne-Franche-Comté;90010;1
91;de l'Essonne;Île-de-France;91228;3
92;des Hauts-de-Seine;Île-de-France;92050;3
93;de la Seine-Saint-Denis;Île-de-France;93008;3
94;du Val-de-Marne;Île-de-France;94028;3
95;du Val-d'Oise;Île-de-France;95500;3
971;de la Guadeloupe;Guadeloupe;97105;2
972;de la Martinique;Martinique;97209;2
973;de la Guyane;Guyane;97302;1
974;de La Réunion;La Réunion;97411;3
976;de Mayotte;Mayotte;97611;1`)

func parseDepartements(table string) []departement {
	var out []departement
	for line := range strings.Lines(table) {
		f := strings.Split(strings.TrimSpace(line), ";")
		out = append(out, departement{code: f[0], of: f[1], region: f[2], chefLieu: f[3], size: int(f[4][0] - '0')})
	}
	return out
}

// bigCities adds the arrondissements of Paris, Marseille and Lyon to their départements.
var bigCities = map[string][]string{
	"75": {"75101", "75104", "75107", "75111", "75112", "75113", "75114", "75115", "75116", "75117", "75118", "75119", "75120"},
	"13": {"13201", "13204", "13206", "13208", "13210", "13213", "13215"},
	"69": {"69381", "69383", "69385", "69387", "69388"},
}

// splitCPAM lists the départements with several CPAM, each covering part of it.
var splitCPAM = map[string][][2]string{
	"59": {{"CPAM59-LD", "CPAM de Lille-Douai"}, {"CPAM59-RT", "CPAM de Roubaix-Tourcoing"}, {"CPAM59-FL", "CPAM des Flandres"}, {"CPAM59-HA", "CPAM du Hainaut"}},
	"62": {{"CPAM62-AR", "CPAM de l'Artois"}, {"CPAM62-CO", "CPAM de la Côte d'Opale"}},
	"76": {{"CPAM76-RED", "CPAM de Rouen-Elbeuf-Dieppe"}, {"CPAM76-LH", "CPAM du Havre"}},
}

// regional is an organisme covering several départements.
type regional struct {
	code, name, region string
	depts              string // space-separated codes
}

var (
	urssafs = []regional{
		{"URSSAF-ALS", "Urssaf Alsace", "Grand Est", "67 68"},
		{"URSSAF-AQ", "Urssaf Aquitaine", "Nouvelle-Aquitaine", "24 33 40 47 64"},
		{"URSSAF-AUV", "Urssaf Auvergne", "Auvergne-Rhône-Alpes", "03 15 43 63"},
		{"URSSAF-BOU", "Urssaf Bourgogne", "Bourgogne-Franche-Comté", "21 58 71 89"},
		{"URSSAF-BRE", "Urssaf Bretagne", "Bretagne", "22 29 35 56"},
		{"URSSAF-CVL", "Urssaf Centre-Val de Loire", "Centre-Val de Loire", "18 28 36 37 41 45"},
		{"URSSAF-CA", "Urssaf Champagne-Ardenne", "Grand Est", "08 10 51 52"},
		{"URSSAF-COR", "Urssaf de Corse", "Corse", "2A 2B"},
		{"URSSAF-FC", "Urssaf Franche-Comté", "Bourgogne-Franche-Comté", "25 39 70 90"},
		{"URSSAF-IDF", "Urssaf Île-de-France", "Île-de-France", "75 77 78 91 92 93 94 95"},
		{"URSSAF-LR", "Urssaf Languedoc-Roussillon", "Occitanie", "11 30 34 48 66"},
		{"URSSAF-LIM", "Urssaf Limousin", "Nouvelle-Aquitaine", "19 23 87"},
		{"URSSAF-LOR", "Urssaf Lorraine", "Grand Est", "54 55 57 88"},
		{"URSSAF-MP", "Urssaf Midi-Pyrénées", "Occitanie", "09 12 31 32 46 65 81 82"},
		{"URSSAF-NPC", "Urssaf Nord-Pas-de-Calais", "Hauts-de-France", "59 62"},
		{"URSSAF-NOR", "Urssaf Normandie", "Normandie", "14 27 50 61 76"},
		{"URSSAF-PDL", "Urssaf Pays de la Loire", "Pays de la Loire", "44 49 53 72 85"},
		{"URSSAF-PIC", "Urssaf Picardie", "Hauts-de-France", "02 60 80"},
		{"URSSAF-PC", "Urssaf Poitou-Charentes", "Nouvelle-Aquitaine", "16 17 79 86"},
		{"URSSAF-PACA", "Urssaf Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", "04 05 06 13 83 84"},
		{"URSSAF-RA", "Urssaf Rhône-Alpes", "Auvergne-Rhône-Alpes", "01 07 26 38 42 69 73 74"},
	}
	carsats = []regional{
		{"CARSAT-ALM", "Carsat Alsace-Moselle", "Grand Est", "57 67 68"},
		{"CARSAT-AQ", "Carsat Aquitaine", "Nouvelle-Aquitaine", "24 33 40 47 64"},
		{"CARSAT-AUV", "Carsat Auvergne", "Auvergne-Rhône-Alpes", "03 15 43 63"},
		{"CARSAT-BFC", "Carsat Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "21 25 39 58 70 71 89 90"},
		{"CARSAT-BRE", "Carsat Bretagne", "Bretagne", "22 29 35 56"},
		{"CARSAT-CVL", "Carsat Centre-Val de Loire", "Centre-Val de Loire", "18 28 36 37 41 45"},
		{"CARSAT-CO", "Carsat Centre-Ouest", "Nouvelle-Aquitaine", "16 17 19 23 79 86 87"},
		{"CARSAT-HDF", "Carsat Hauts-de-France", "Hauts-de-France", "02 59 60 62 80"},
		{"CARSAT-LR", "Carsat Languedoc-Roussillon", "Occitanie", "11 30 34 48 66"},
		{"CARSAT-MP", "Carsat Midi-Pyrénées", "Occitanie", "09 12 31 32 46 65 81 82"},
		{"CARSAT-NE", "Carsat Nord-Est", "Grand Est", "08 10 51 52 54 55 88"},
		{"CARSAT-NOR", "Carsat Normandie", "Normandie", "14 27 50 61 76"},
		{"CARSAT-PDL", "Carsat Pays de la Loire", "Pays de la Loire", "44 49 53 72 85"},
		{"CARSAT-RA", "Carsat Rhône-Alpes", "Auvergne-Rhône-Alpes", "01 07 26 38 42 69 73 74"},
		{"CARSAT-SE", "Carsat Sud-Est", "Provence-Alpes-Côte d'Azur", "04 05 06 13 83 84 2A 2B"},
		{"CNAV-IDF", "Cnav Île-de-France", "Île-de-France", "75 77 78 91 92 93 94 95"},
	}
	newRegions = []regional{
		{"ARA", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "01 03 07 15 26 38 42 43 63 69 73 74"},
		{"BFC", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "21 25 39 58 70 71 89 90"},
		{"BRE", "Bretagne", "Bretagne", "22 29 35 56"},
		{"CVL", "Centre-Val de Loire", "Centre-Val de Loire", "18 28 36 37 41 45"},
		{"GE", "Grand Est", "Grand Est", "08 10 51 52 54 55 57 67 68 88"},
		{"HDF", "Hauts-de-France", "Hauts-de-France", "02 59 60 62 80"},
		{"IDF", "Île-de-France", "Île-de-France", "75 77 78 91 92 93 94 95"},
		{"NOR", "Normandie", "Normandie", "14 27 50 61 76"},
		{"NA", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "16 17 19 23 24 33 40 47 64 79 86 87"},
		{"OCC", "Occitanie", "Occitanie", "09 11 12 30 31 32 34 46 48 65 66 81 82"},
		{"PDL", "Pays de la Loire", "Pays de la Loire", "44 49 53 72 85"},
		{"PACA", "Provence-Alpes-Côte d'Azur et Corse", "Provence-Alpes-Côte d'Azur", "04 05 06 13 83 84 2A 2B"},
		{"AG", "Antilles-Guyane", "Martinique", "971 972 973"},
		{"REU", "La Réunion", "La Réunion", "974 976"},
	}
)

// itCentres are the national IT centres of the branches (CTI of the Assurance
// Maladie, Cnedi of the CAF, Certi of the Urssaf).
var itCentres = []struct{ code, name, typ, branch, dept string }{
	{"CTI-LILLE", "CTI de Lille (Assurance Maladie)", "CTI", "maladie", "59"},
	{"CTI-RENNES", "CTI de Rennes (Assurance Maladie)", "CTI", "maladie", "35"},
	{"CTI-NANCY", "CTI de Nancy (Assurance Maladie)", "CTI", "maladie", "54"},
	{"CTI-VALENCE", "CTI de Valence (Assurance Maladie)", "CTI", "maladie", "26"},
	{"CTI-EVREUX", "CTI d'Évreux (Assurance Maladie)", "CTI", "maladie", "27"},
	{"CTI-TOULOUSE", "CTI de Toulouse (Assurance Maladie)", "CTI", "maladie", "31"},
	{"CTI-MARSEILLE", "CTI de Marseille (Assurance Maladie)", "CTI", "maladie", "13"},
	{"CTI-ANGERS", "CTI d'Angers (Assurance Maladie)", "CTI", "maladie", "49"},
	{"CNEDI-LYON", "Cnedi de Lyon", "CNEDI", "famille", "69"},
	{"CNEDI-RENNES", "Cnedi de Rennes", "CNEDI", "famille", "35"},
	{"CNEDI-NIMES", "Cnedi de Nîmes", "CNEDI", "famille", "30"},
	{"CNEDI-BORDEAUX", "Cnedi de Bordeaux", "CNEDI", "famille", "33"},
	{"CNEDI-CERGY", "Cnedi de Cergy", "CNEDI", "famille", "95"},
	{"CERTI-LYON", "Certi de Lyon (Urssaf)", "CERTI", "recouvrement", "69"},
	{"CERTI-PARIS", "Certi de Paris (Urssaf)", "CERTI", "recouvrement", "75"},
	{"CERTI-TOULOUSE", "Certi de Toulouse (Urssaf)", "CERTI", "recouvrement", "31"},
	{"CERTI-LILLE", "Certi de Lille (Urssaf)", "CERTI", "recouvrement", "59"},
	{"CERTI-AIX", "Certi d'Aix-en-Provence (Urssaf)", "CERTI", "recouvrement", "13"},
	{"CERTI-NANCY", "Certi de Nancy (Urssaf)", "CERTI", "recouvrement", "54"},
}

// nationalEmployers builds the national set: a CPAM per département (several
// in the Nord, the Pas-de-Calais and the Seine-Maritime), the CGSS overseas, a
// CAF per département, the regional Urssaf, Carsat, DRSM and Ugecam, and the
// caisses nationales. Codes and names follow the real organismes; the HR
// contacts are fictitious.
func nationalEmployers() []nationalEmployer {
	byCode := map[string]departement{}
	for _, d := range departements {
		byCode[d.code] = d
	}
	communesOf := func(codes ...string) []string {
		var out []string
		for _, c := range codes {
			out = append(out, byCode[c].chefLieu)
			out = append(out, bigCities[c]...)
		}
		return out
	}
	var out []nationalEmployer
	add := func(code, name, typ, branch, region string, weight float64, communes []string) {
		out = append(out, nationalEmployer{Employer: certif.Employer{Code: code, Name: name, Type: typ, Branch: branch, Region: region,
			HREmails: []string{"rh." + strings.ToLower(code) + "@" + Domain}}, weight: weight, communes: communes})
	}
	overseas := map[string]string{"971": "CGSS", "972": "CGSS", "973": "CGSS", "974": "CGSS", "976": "CSSM"}
	for _, d := range departements {
		w := float64(d.size)
		switch typ := overseas[d.code]; {
		case typ == "CGSS":
			add("CGSS"+d.code, "CGSS "+d.of, "CGSS", "maladie", d.region, w+1, communesOf(d.code))
		case typ == "CSSM":
			add("CSSM976", "Caisse de sécurité sociale de Mayotte", "CSSM", "maladie", d.region, w, communesOf(d.code))
		case splitCPAM[d.code] != nil:
			for _, c := range splitCPAM[d.code] {
				add(c[0], c[1], "CPAM", "maladie", d.region, 0.7*w+0.5, communesOf(d.code))
			}
		default:
			add("CPAM"+d.code, "CPAM "+d.of, "CPAM", "maladie", d.region, 1.4*w, communesOf(d.code))
		}
	}
	for _, d := range departements {
		add("CAF"+d.code, "CAF "+d.of, "CAF", "famille", d.region, 0.9*float64(d.size), communesOf(d.code))
	}
	for _, r := range urssafs {
		depts := strings.Fields(r.depts)
		add(r.code, r.name, "URSSAF", "recouvrement", r.region, 1.5+0.5*float64(len(depts)), communesOf(depts...))
	}
	for _, r := range carsats {
		depts := strings.Fields(r.depts)
		typ := "CARSAT"
		if strings.HasPrefix(r.code, "CNAV") {
			typ = "CNAV"
		}
		add(r.code, r.name, typ, "retraite", r.region, 2+0.6*float64(len(depts)), communesOf(depts...))
	}
	for _, r := range newRegions {
		depts := strings.Fields(r.depts)
		add("DRSM-"+r.code, "DRSM "+r.name, "DRSM", "maladie", r.region, 0.8, communesOf(depts...))
		if r.code != "AG" && r.code != "REU" {
			add("UGECAM-"+r.code, "Ugecam "+r.name, "UGECAM", "maladie", r.region, 0.6, communesOf(depts...))
		}
	}
	for _, c := range itCentres {
		add(c.code, c.name, c.typ, c.branch, byCode[c.dept].region, 0.4, communesOf(c.dept))
	}
	paris := communesOf("75", "92", "93", "94")
	add("CNAM", "Caisse nationale de l'Assurance Maladie", "CNAM", "maladie", "Île-de-France", 2, paris)
	add("CNAF", "Caisse nationale des allocations familiales", "CNAF", "famille", "Île-de-France", 1.5, paris)
	add("UCN", "Urssaf Caisse nationale", "UCN", "recouvrement", "Île-de-France", 1.5, paris)
	add("CNAV", "Caisse nationale d'assurance vieillesse", "CNAV", "retraite", "Île-de-France", 2, communesOf("75", "37"))
	return out
}

// ensureNationalEmployers creates the employers of the national set that the
// database does not hold yet and returns the whole set with IDs; an employer
// already there (regular demo data) keeps its name and contacts.
func ensureNationalEmployers(ctx context.Context, st *store.Store) ([]nationalEmployer, int, error) {
	existing, err := st.Employers(ctx)
	if err != nil {
		return nil, 0, err
	}
	ids := map[string]int64{}
	for _, e := range existing {
		ids[e.Code] = e.ID
	}
	emps := nationalEmployers()
	created := 0
	for i := range emps {
		e := &emps[i]
		if id, ok := ids[e.Code]; ok {
			e.ID = id
			continue
		}
		c, err := st.CreateEmployer(ctx, national, e.Employer)
		if err != nil {
			return nil, 0, fmt.Errorf("employeur %s : %w", e.Code, err)
		}
		e.ID = c.ID
		created++
	}
	return emps, created, nil
}

// ---- identities ----

// Family names, most frequent first (the generator favours the first ones).
var familyNames = strings.Fields(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel
Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre
Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin
Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun
Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux
Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey
Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis
Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré
Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Collet Léger Bouvier Julien
Prévost Millet Perrot Daniel Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun
Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier
Chevallier Collin Chauvin Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier
Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte Nguyen Diallo Traoré Benali Haddad Pereira Ferreira
Técher Fontaine Lacoste Etcheverry Bordes Marty Santoni Casanova Leca Orsini Albertini Quéré Kerjean Tanguy Guillou
Le~Gall Le~Goff Le~Roux Le~Floch Le~Bihan Da~Silva Dos~Santos D'Almeida N'Diaye Ben~Youssef De~Oliveira Saint-Martin
Jean-Baptiste Marie-Sainte Lordinot Céleste Sainte-Rose Mohamed Bouvier Vandenberghe Janssens Kowalski Delattre Dubreuil`)

var womenFirstNames = strings.Fields(`Marie Nathalie Isabelle Sylvie Catherine Sandrine Valérie Christine Stéphanie Véronique
Céline Émilie Aurélie Julie Camille Léa Manon Chloé Inès Sarah Laura Élodie Mélanie Audrey Caroline Virginie Hélène
Sophie Anne Agnès Françoise Brigitte Martine Nadia Fatima Yasmine Aïcha Maëlle Océane Clémence Margaux Anaïs Noémie Zoé
Gaëlle Solène Séverine Karine Laëtitia Cécile Florence Pascale Béatrice Frédérique Mathilde Pauline Justine Charlotte
Amandine Jessica Coralie Marion Morgane Héloïse Éloïse Lucie Jeanne Alice Louise Rose Bérénice Ophélie Myriam Samia
Khadija Awa Aminata Ana Maria Marie-Claire Anne-Sophie Marie-Laure Ève Chantal Josiane Danièle Mireille Annick Gwenaëlle`)

var menFirstNames = strings.Fields(`Jean Pierre Philippe Michel Alain Patrick Nicolas Christophe Stéphane Laurent Frédéric
Sébastien Julien David Olivier Éric Thierry Pascal Jérôme Cédric Vincent Mathieu Guillaume Romain Maxime Thomas Alexandre
Antoine Hugo Lucas Théo Nathan Kévin Anthony Jonathan Benoît Grégory Franck Hervé Bruno Didier Gilles Joël Raphaël Loïc
Yannick Gaël Mickaël Jérémy Florian Quentin Adrien Clément Aurélien Rémi François André Noël Karim Mohamed Mehdi Youssef
Samir Rachid Ibrahima Mamadou Tiago Erwan Gwenaël Arnaud Fabrice Ludovic Xavier Jean-Marc Jean-François Pierre-Yves
Jean-Luc Marc-Antoine Frédérick Gérald Josué Ronan Léo`)

// countries of birth abroad, the most frequent first.
var countries = []string{"Maroc", "Algérie", "Portugal", "Tunisie", "Sénégal", "Côte d'Ivoire", "Mali", "Cameroun",
	"Turquie", "Viêt Nam", "Belgique", "Italie", "Espagne", "Haïti", "Comores", "Madagascar", "Roumanie", "Pologne",
	"Allemagne", "République démocratique du Congo"}

// adjustments asked for candidates with a disability (R15).
var adjustments = []string{"Tiers-temps supplémentaire", "Salle accessible en fauteuil roulant", "Secrétaire pour la prise de notes",
	"Pauses régulières pendant l'épreuve", "Interprète en langue des signes française", "Documents en gros caractères", ""}

// specialties (filières, R18) of the GC and COS candidates by branch.
var specialties = map[string][]string{
	"famille":      {"Prestations familiales", "Accueil et relation allocataires", "Logement et solidarité"},
	"recouvrement": {"Gestion des comptes cotisants", "Relation cotisants", "Travailleurs indépendants"},
	"retraite":     {"Carrière", "Retraite et relation assurés", "Action sociale"},
}

var deletionReasons = []string{"Départ du salarié de l'organisme", "Formation reportée à une session ultérieure",
	"Inscription faite en double", "Arrêt maladie de longue durée"}

// qualification mixes by branch: GC and COS lead outside Maladie (R5 route);
// Maladie has DAM and its programmes, which lead to GC and COS (R4 route).
var qualificationMix = map[string][]weighted[string]{
	"maladie":      {{"DAM", 27}, {"GCAM", 29}, {"CSAM", 21}, {"STARTECH", 9}, {"MOSS", 9}},
	"famille":      {{"GC", 48}, {"COS", 36}, {"CA", 8}, {"MOSS", 5}},
	"recouvrement": {{"GC", 40}, {"COS", 34}, {"CR", 12}, {"IR", 6}, {"MOSS", 5}},
	"retraite":     {{"GC", 46}, {"COS", 36}, {"GCAR", 10}, {"MOSS", 5}},
}

type weighted[T any] struct {
	v T
	w float64
}

// picker draws values by weight.
type picker[T any] struct {
	values []T
	cum    []float64
}

func newPicker[T any](items []weighted[T]) picker[T] {
	var p picker[T]
	total := 0.0
	for _, it := range items {
		if it.w <= 0 {
			continue
		}
		total += it.w
		p.values = append(p.values, it.v)
		p.cum = append(p.cum, total)
	}
	return p
}

func (p picker[T]) pick(r *rand.Rand) T {
	x := r.Float64() * p.cum[len(p.cum)-1]
	i, _ := slices.BinarySearch(p.cum, x)
	return p.values[min(i, len(p.values)-1)]
}

// zipf favours the first names of a list: rank r weighs 1/(r+k).
func zipf(list []string, k float64) picker[string] {
	items := make([]weighted[string], len(list))
	for i, s := range list {
		items[i] = weighted[string]{strings.ReplaceAll(s, "~", " "), 1 / (float64(i) + k)}
	}
	return newPicker(items)
}

// ---- generation ----

// nationalPerson is a generated candidate with its registrations in order.
type nationalPerson struct {
	cand          certif.Candidate
	createdOn     certif.Date
	registrations []*nationalRegistration
}

type nationalRegistration struct {
	person        *nationalPerson
	reg           certif.Registration
	deletedOn     certif.Date
	deletedReason string
}

// jury is a national jury with its cutoff: it decides the professional juries
// held up to the cutoff (R9).
type jury struct{ day, cutoff certif.Date }

type generator struct {
	r          *rand.Rand
	today      certif.Date
	firstYear  int
	cal        *calendar.Calendar
	quals      map[string]certif.Qualification
	programmes map[string]certif.Programme // confirmed, by code: a mix's code may name one
	employers  picker[int]
	emps       []nationalEmployer
	mixes      map[string]picker[string]
	families   picker[string]
	women, men picker[string]
	countries  picker[string]
	depts      picker[string]
	juries     []jury
}

func newGenerator(r *rand.Rand, emps []nationalEmployer, quals []certif.Qualification, progs []certif.Programme, cal *calendar.Calendar, today certif.Date) *generator {
	g := &generator{r: r, today: today, firstYear: today.Year() - NationalYears + 1, cal: cal, emps: emps,
		quals: map[string]certif.Qualification{}, programmes: map[string]certif.Programme{}, mixes: map[string]picker[string]{}}
	for _, q := range quals {
		g.quals[q.Code] = q
	}
	for _, p := range progs {
		if _, ok := g.quals[p.Qualification]; ok && p.Confirmed() {
			g.programmes[p.Code] = p
		}
	}
	var ew []weighted[int]
	for i, e := range emps {
		ew = append(ew, weighted[int]{i, e.weight})
	}
	g.employers = newPicker(ew)
	for branch, mix := range qualificationMix {
		var items []weighted[string]
		for _, m := range mix {
			_, isQual := g.quals[m.v]
			if _, isProg := g.programmes[m.v]; isQual || isProg {
				items = append(items, m)
			}
		}
		if len(items) == 0 { // a referential without these CQPs: any active one
			for code := range g.quals {
				items = append(items, weighted[string]{code, 1})
			}
			slices.SortFunc(items, func(a, b weighted[string]) int { return strings.Compare(a.v, b.v) })
		}
		g.mixes[branch] = newPicker(items)
	}
	g.families, g.women, g.men = zipf(familyNames, 12), zipf(womenFirstNames, 8), zipf(menFirstNames, 8)
	g.countries = zipf(countries, 2)
	var dw []weighted[string]
	for _, d := range departements {
		dw = append(dw, weighted[string]{d.chefLieu, float64(d.size)})
	}
	g.depts = newPicker(dw)
	g.juries = nationalJuries(cal, g.firstYear, today.Year()+2)
	return g
}

// nationalJuries lists the national juries from year first to year last: those
// of the calendar where it has some, otherwise the 2026 pattern (eight juries
// a year, on Thursdays) with cutoffs 6 days before.
func nationalJuries(cal *calendar.Calendar, first, last int) []jury {
	var out []jury
	pattern := [][2]int{{1, 22}, {3, 5}, {4, 16}, {5, 28}, {7, 10}, {9, 24}, {11, 6}, {12, 17}}
	for y := first; y <= last; y++ {
		if js := cal.JuriesWithCutoffs(y); len(js) > 0 {
			for _, j := range js {
				out = append(out, jury{j.Date, j.Cutoff})
			}
			continue
		}
		for _, p := range pattern {
			d := certif.NewDate(y, time.Month(p[0]), p[1])
			d = d.AddDays(int(time.Thursday) - int(d.Weekday()))
			out = append(out, jury{d, d.AddDays(-6)})
		}
	}
	slices.SortFunc(out, func(a, b jury) int { return a.day.Compare(b.day) })
	return out
}

// decidingJury is the day of the national jury that decides a professional
// jury held on day d.
func (g *generator) decidingJury(d certif.Date) certif.Date {
	for _, j := range g.juries {
		if !j.cutoff.Before(d) {
			return j.day
		}
	}
	return d.AddDays(45)
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// workingDay moves d to the next Monday when it falls on a weekend.
func workingDay(d certif.Date) certif.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(2)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}

// generate makes n candidates: each enters in one of the 10 years (a few more
// each year) and follows a path of registrations until it validates every
// block, gives up, or reaches today.
func (g *generator) generate(n int) []*nationalPerson {
	years := NationalYears
	weights := make([]float64, years)
	total := 0.0
	for i := range weights {
		weights[i] = 1 + 0.04*float64(i)
		total += weights[i]
	}
	var people []*nationalPerson
	for i := range years {
		count := int(math.Round(float64(n) * weights[i] / total))
		if i == years-1 {
			count = n - len(people)
		}
		year := g.firstYear + i
		first, last := certif.NewDate(year, 1, 2), certif.NewDate(year, 12, 20)
		if year == g.today.Year() {
			last = g.today.AddDays(-1)
		}
		span := max(1, int(last.Time().Sub(first.Time()).Hours()/24))
		for range count {
			people = append(people, g.person(workingDay(first.AddDays(g.r.IntN(span)))))
		}
	}
	slices.SortStableFunc(people, func(a, b *nationalPerson) int { return a.createdOn.Compare(b.createdOn) })
	return people
}

// person generates one candidate entered on day on, with its registrations.
func (g *generator) person(on certif.Date) *nationalPerson {
	e := g.emps[g.employers.pick(g.r)]
	p := &nationalPerson{createdOn: on}
	c := certif.Candidate{EmployerCode: e.Code, Sex: "F"}
	if !g.chance(0.7) {
		c.Sex = "M"
	}
	names := g.women
	if c.Sex == "M" {
		names = g.men
	}
	c.BirthName = g.families.pick(g.r)
	c.FirstNames = []string{names.pick(g.r)}
	for _, prob := range []float64{0.55, 0.25} { // a second, then a third first name
		if !g.chance(prob) {
			break
		}
		if fn := names.pick(g.r); !slices.Contains(c.FirstNames, fn) {
			c.FirstNames = append(c.FirstNames, fn)
		}
	}
	switch {
	case c.Sex == "F" && g.chance(0.32), c.Sex == "M" && g.chance(0.02):
		if u := g.families.pick(g.r); u != c.BirthName {
			c.UsageName = u
			if g.chance(0.1) {
				c.UsageName = u + "-" + c.BirthName
			}
		}
	}
	age := 21 + (g.r.IntN(18) + g.r.IntN(18)) // 21 to 55, mostly in the thirties
	c.BirthDate = on.AddMonths(-12 * age).AddDays(-g.r.IntN(365))
	switch x := g.r.Float64(); {
	case x < 0.09:
		c.BirthCountry = g.countries.pick(g.r)
	case x < 0.6:
		c.BirthINSEE = e.communes[g.r.IntN(len(e.communes))]
	default:
		c.BirthINSEE = g.depts.pick(g.r)
	}
	if g.chance(0.6) {
		c.Email = personEmail(c.FirstNames[0], cmp.Or(c.UsageName, c.BirthName))
	}
	if g.chance(0.5) {
		c.Phone = fmt.Sprintf("0%d %02d %02d %02d %02d", 6+g.r.IntN(2), g.r.IntN(100), g.r.IntN(100), g.r.IntN(100), g.r.IntN(100))
	}
	p.cand = c
	g.journey(p, e, on)
	return p
}

// journey generates the registrations of a candidate from day on: a first
// registration (complete, or partial after each block's training, R2), then
// the blocks remaining or failed until every block is validated, the candidate
// gives up, or the next registration would be after today.
func (g *generator) journey(p *nationalPerson, e nationalEmployer, on certif.Date) {
	code, programme := g.mixes[e.Branch].pick(g.r), ""
	if p, ok := g.programmes[code]; ok {
		code, programme = p.Qualification, p.Code
	}
	q := g.quals[code]
	contract := certif.ContractCDI
	switch x := g.r.Float64(); {
	case x < 0.16:
		contract = certif.ContractPro
	case x < 0.26:
		contract = certif.ContractCDD
	}
	disability := g.chance(0.025)
	specialty := ""
	if list := specialties[e.Branch]; len(list) > 0 && (q.Code == "GC" || q.Code == "COS") && g.chance(0.8) {
		specialty = list[g.r.IntN(len(list))]
	}
	validated := map[int]bool{}
	failed := false
	day := on
	for n := 0; n < 5; n++ {
		var remaining []int
		for _, b := range q.Blocks {
			if !validated[b.Number] {
				remaining = append(remaining, b.Number)
			}
		}
		if len(remaining) == 0 || day.After(g.today) {
			return
		}
		path, blocks := certif.PathComplete, remaining
		partial := 0.2
		if n == 0 {
			partial = 0.45 // presented after the training of some blocks (R2)
		}
		if len(remaining) > 1 && g.chance(partial) {
			path, blocks = certif.PathPartial, remaining[:g.between(1, len(remaining)-1)]
		}
		reg := certif.Registration{Qualification: q.Code, Programme: programme, Path: path, RegisteredOn: day, Contract: contract, Repeating: failed,
			Specialty: specialty, Disability: disability}
		if contract == certif.ContractPro && n > 0 && g.chance(0.5) {
			reg.Contract = certif.ContractCDI // hired at the end of the contrat de professionnalisation
		}
		if disability {
			reg.Adjustments = adjustments[g.r.IntN(len(adjustments))]
		}
		// certifiable from 4 to 10 months after registering: on time for R6.
		reg.CertifiableFrom = workingDay(day.AddMonths(g.between(4, 10)).AddDays(g.r.IntN(28)))
		period := g.cal.CertificationPeriod(reg.CertifiableFrom)
		if reg.Contract == certif.ContractPro && g.chance(0.6) {
			reg.ExamPeriod = period // R19: the contract's exam period
		}
		nr := &nationalRegistration{person: p}
		// 1.5 % of the registrations are deleted before their jury (R20).
		if g.chance(0.015) {
			if del := day.AddDays(g.between(10, 60)); !del.After(g.today) && del.Before(period.First()) {
				nr.deletedOn, nr.deletedReason = del, deletionReasons[g.r.IntN(len(deletionReasons))]
			}
		}
		next := certif.Date{}
		anyFailed := false
		for _, b := range blocks {
			a := certif.BlockAttempt{Block: b, CertifiableFrom: reg.CertifiableFrom, Period: period, Status: certif.AttemptRegistered}
			proJury := workingDay(certif.NewDate(period.Year, period.Month, g.between(3, 24)))
			decision := g.decidingJury(proJury)
			switch {
			case !nr.deletedOn.IsZero():
				a.Status = certif.AttemptWithdrawn
			case g.today.MonthOf().Add(1).Before(period):
			case g.today.MonthOf().Before(period): // next month: convocations sent for half of them
				if g.chance(0.5) {
					a.Status = certif.AttemptScheduled
				}
			case !proJury.Before(g.today):
				a.Status = certif.AttemptScheduled
			case decision.After(g.today):
				a.Status = certif.AttemptEvaluated
			default:
				a.DecidedOn = decision
				switch x := g.r.Float64(); {
				case x < 0.83:
					a.Status = certif.AttemptValidated
					validated[b] = true
				case x < 0.96:
					a.Status = certif.AttemptNotValidated
					anyFailed = true
				default:
					a.Status = certif.AttemptAbsent
					anyFailed = true
				}
				if next.IsZero() || decision.After(next) {
					next = decision
				}
			}
			reg.Attempts = append(reg.Attempts, a)
		}
		nr.reg = reg
		p.registrations = append(p.registrations, nr)
		if next.IsZero() { // deleted, or still waiting for a jury
			return
		}
		failed = anyFailed
		// the candidate goes on: more often to finish the path than to retry a failed block
		keepOn := 0.4
		if len(blocks) == len(remaining) {
			keepOn = 0.15
		}
		if !g.chance(keepOn) {
			return
		}
		day = workingDay(next.AddDays(g.between(7, 150)))
	}
}
