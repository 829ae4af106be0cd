//! The widget's own interface texts (the questionnaire's are in `model/questionnaire.toml`).

use forus_model::Lang;

/// A phrase of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ui {
    Start,
    ResumeOffer,
    Resume,
    StartAgain,
    Next,
    Back,
    Submit,
    Optional,
    FixProblems,
    ChooseOne,
    NoPlatform,
    ConsentTitle,
    ConsentWhatIsStored,
    ConsentLabel,
    ConsentRequired,
    Sending,
    SavedOnDevice,
    Sent,
    RetryNow,
    Rejected,
    ResultsTitle,
    ScoresTitle,
    NeedsTitle,
    NeedsIntro,
    BenchmarkTitle,
    Dimension,
    You,
    YourCountry,
    YourRegion,
    Network,
    FewerThanFive,
    Organisations,
    Download,
    Print,
    NewAssessment,
    MissingMember,
    CharactersLeft,
    Loading,
    Unavailable,
    Selected,
    MapTitle,
    Regions,
    World,
    TableView,
    AllGoals,
    GoalFilters,
    Country,
    OrganisationsColumn,
    NoOrganisations,
    MapLabel,
    Close,
    MemberPlatforms,
    NoMemberPlatform,
    PerGoal,
    MapHint,
    YourCountryOnMap,
    DeleteExplained,
    Delete,
    Deleted,
    DeleteFailed,
}

impl Ui {
    pub fn text(self, lang: Lang) -> &'static str {
        use Ui::*;
        match self {
            Start => lang.pick("Start the assessment", "Commencer l’auto-évaluation", "Comenzar la autoevaluación"),
            ResumeOffer => lang.pick(
                "You have an assessment in progress on this device.",
                "Une auto-évaluation est en cours sur cet appareil.",
                "Tiene una autoevaluación en curso en este dispositivo.",
            ),
            Resume => lang.pick("Resume where I left off", "Reprendre où je m’étais arrêté", "Continuar donde lo dejé"),
            StartAgain => lang.pick("Start again", "Recommencer", "Empezar de nuevo"),
            Next => lang.pick("Next", "Suivant", "Siguiente"),
            Back => lang.pick("Back", "Retour", "Atrás"),
            Submit => lang.pick("Submit and see my results", "Envoyer et voir mes résultats", "Enviar y ver mis resultados"),
            Optional => lang.pick("optional", "facultatif", "opcional"),
            FixProblems => lang.pick(
                "Some answers are missing or need correcting; see the messages below.",
                "Certaines réponses manquent ou sont à corriger ; voir les messages ci-dessous.",
                "Faltan respuestas o hay que corregirlas; vea los mensajes a continuación.",
            ),
            ChooseOne => lang.pick("Choose…", "Choisir…", "Elegir…"),
            NoPlatform => lang.pick("None / not a member", "Aucune / pas membre", "Ninguna / no es miembro"),
            ConsentTitle => lang.pick("Share your answers", "Partager vos réponses", "Compartir sus respuestas"),
            ConsentWhatIsStored => lang.pick(
                "We store your answers and scores, without your name, IP address or any cookie, so that Forus and its members can plan capacity development; averages are only shown for groups of at least 5 organisations.",
                "Nous enregistrons vos réponses et vos scores, sans votre nom, votre adresse IP ni aucun cookie, pour que Forus et ses membres planifient le renforcement des capacités ; les moyennes ne sont montrées que pour des groupes d’au moins 5 organisations.",
                "Guardamos sus respuestas y puntuaciones, sin su nombre, su dirección IP ni ninguna cookie, para que Forus y sus miembros planifiquen el fortalecimiento de capacidades; los promedios solo se muestran para grupos de al menos 5 organizaciones.",
            ),
            ConsentLabel => lang.pick(
                "I agree to share these answers with the Forus network.",
                "J’accepte de partager ces réponses avec le réseau Forus.",
                "Acepto compartir estas respuestas con la red Forus.",
            ),
            ConsentRequired => lang.pick(
                "Tick the box to agree before submitting.",
                "Cochez la case pour donner votre accord avant d’envoyer.",
                "Marque la casilla para dar su acuerdo antes de enviar.",
            ),
            Sending => lang.pick("Sending your answers…", "Envoi de vos réponses…", "Enviando sus respuestas…"),
            SavedOnDevice => lang.pick(
                "Saved on this device; your answers will be sent when the connection returns.",
                "Enregistré sur cet appareil ; vos réponses seront envoyées au retour de la connexion.",
                "Guardado en este dispositivo; sus respuestas se enviarán cuando vuelva la conexión.",
            ),
            Sent => lang.pick(
                "Your answers have been received by the Forus network. Thank you!",
                "Vos réponses ont bien été reçues par le réseau Forus. Merci !",
                "La red Forus ha recibido sus respuestas. ¡Gracias!",
            ),
            RetryNow => lang.pick("Try again now", "Réessayer maintenant", "Reintentar ahora"),
            Rejected => lang.pick(
                "Your answers could not be accepted:",
                "Vos réponses n’ont pas pu être acceptées :",
                "No se pudieron aceptar sus respuestas:",
            ),
            ResultsTitle => lang.pick("Your results", "Vos résultats", "Sus resultados"),
            ScoresTitle => lang.pick("Scores by dimension (0–100)", "Scores par dimension (0–100)", "Puntuaciones por dimensión (0–100)"),
            NeedsTitle => lang.pick("Your capacity needs", "Vos besoins en capacités", "Sus necesidades de capacidades"),
            NeedsIntro => lang.pick(
                "Your three weakest dimensions, with next steps for your level:",
                "Vos trois dimensions les plus faibles, avec des pistes adaptées à votre niveau :",
                "Sus tres dimensiones más débiles, con próximos pasos para su nivel:",
            ),
            BenchmarkTitle => lang.pick("Compared with your peers", "Comparaison avec vos pairs", "Comparación con sus pares"),
            Dimension => lang.pick("Dimension", "Dimension", "Dimensión"),
            You => lang.pick("You", "Vous", "Usted"),
            YourCountry => lang.pick("Your country", "Votre pays", "Su país"),
            YourRegion => lang.pick("Your region", "Votre région", "Su región"),
            Network => lang.pick("Whole network", "Tout le réseau", "Toda la red"),
            FewerThanFive => lang.pick(
                "— (fewer than 5 organisations)",
                "— (moins de 5 organisations)",
                "— (menos de 5 organizaciones)",
            ),
            Organisations => lang.pick("organisations", "organisations", "organizaciones"),
            Download => lang.pick("Download my answers (JSON)", "Télécharger mes réponses (JSON)", "Descargar mis respuestas (JSON)"),
            Print => lang.pick("Print my results", "Imprimer mes résultats", "Imprimir mis resultados"),
            NewAssessment => lang.pick("Start a new assessment", "Nouvelle auto-évaluation", "Nueva autoevaluación"),
            MissingMember => lang.pick(
                "This widget is not set up to send answers (the member attribute is missing). You can still fill it in and see your results.",
                "Ce widget n’est pas configuré pour envoyer les réponses (attribut member absent). Vous pouvez tout de même le remplir et voir vos résultats.",
                "Este widget no está configurado para enviar respuestas (falta el atributo member). Aun así puede completarlo y ver sus resultados.",
            ),
            CharactersLeft => lang.pick("characters left", "caractères restants", "caracteres restantes"),
            Loading => lang.pick("Loading…", "Chargement…", "Cargando…"),
            Unavailable => lang.pick(
                "Not available right now (offline?).",
                "Indisponible pour le moment (hors ligne ?).",
                "No disponible por ahora (¿sin conexión?).",
            ),
            Selected => lang.pick("selected", "sélectionné(s)", "seleccionado(s)"),
            MapTitle => lang.pick("SDG participation map", "Carte de participation aux ODD", "Mapa de participación en los ODS"),
            Regions => lang.pick("Zoom to a region", "Zoomer sur une région", "Acercar a una región"),
            World => lang.pick("World", "Monde", "Mundo"),
            TableView => lang.pick("Table view", "Vue en tableau", "Vista de tabla"),
            AllGoals => lang.pick("All goals", "Tous les objectifs", "Todos los objetivos"),
            GoalFilters => lang.pick("Show one goal", "Afficher un objectif", "Mostrar un objetivo"),
            Country => lang.pick("Country", "Pays", "País"),
            OrganisationsColumn => lang.pick("Organisations", "Organisations", "Organizaciones"),
            NoOrganisations => lang.pick("no organisation yet", "aucune organisation pour l’instant", "ninguna organización todavía"),
            MapLabel => lang.pick(
                "World map of organisations per country. Use the arrow keys to move between countries and Enter for details.",
                "Carte du monde des organisations par pays. Flèches pour passer d’un pays à l’autre, Entrée pour le détail.",
                "Mapa mundial de organizaciones por país. Use las flechas para pasar de un país a otro y Entrar para ver el detalle.",
            ),
            Close => lang.pick("Close", "Fermer", "Cerrar"),
            MemberPlatforms => lang.pick("Forus member platforms here", "Plateformes membres de Forus dans ce pays", "Plataformas miembro de Forus en este país"),
            NoMemberPlatform => lang.pick("None registered yet.", "Aucune enregistrée pour l’instant.", "Ninguna registrada todavía."),
            PerGoal => lang.pick("Organisations per goal", "Organisations par objectif", "Organizaciones por objetivo"),
            MapHint => lang.pick(
                "Hover or focus a country to see its figures; click it or press Enter for details.",
                "Survolez ou sélectionnez un pays pour voir ses chiffres ; cliquez ou appuyez sur Entrée pour le détail.",
                "Pase el cursor o seleccione un país para ver sus cifras; haga clic o pulse Entrar para ver el detalle.",
            ),
            DeleteExplained => lang.pick(
                "Changed your mind? You can erase these answers from the network's data at any time from this page, or later with the id and deletion token in the downloaded file.",
                "Vous changez d’avis ? Vous pouvez effacer ces réponses des données du réseau à tout moment depuis cette page, ou plus tard avec l’identifiant et le jeton de suppression du fichier téléchargé.",
                "¿Cambió de opinión? Puede borrar estas respuestas de los datos de la red en cualquier momento desde esta página, o más tarde con el identificador y el código de borrado del archivo descargado.",
            ),
            Delete => lang.pick("Delete my answers from the network", "Effacer mes réponses du réseau", "Borrar mis respuestas de la red"),
            Deleted => lang.pick(
                "Your answers have been erased from the network's data.",
                "Vos réponses ont été effacées des données du réseau.",
                "Sus respuestas se han borrado de los datos de la red.",
            ),
            DeleteFailed => lang.pick(
                "The answers could not be erased right now; please try again.",
                "Les réponses n’ont pas pu être effacées pour le moment ; veuillez réessayer.",
                "No se pudieron borrar las respuestas por ahora; inténtelo de nuevo.",
            ),
            YourCountryOnMap => lang.pick("Your country is outlined.", "Votre pays est entouré.", "Su país aparece resaltado."),
        }
    }
}

/// "Step 2 of 9" in the visitor's language.
pub fn step_of(lang: Lang, step: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Step {step} of {total}"),
        Lang::Fr => format!("Étape {step} sur {total}"),
        Lang::Es => format!("Paso {step} de {total}"),
    }
}

/// "Level 3 of 4" for a scale answer.
pub fn level_of(lang: Lang, level: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Level {level} of {total}"),
        Lang::Fr => format!("Niveau {level} sur {total}"),
        Lang::Es => format!("Nivel {level} de {total}"),
    }
}
