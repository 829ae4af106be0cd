//! The endpoint's behaviour through its router (no port): what member sites, visitors and the secretariat see.

mod support;

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use forus_endpoint::{assets::WidgetBundle, members::Registry, storage::Store, AppState};
use forus_model::{questionnaire, Answers};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const HOST: &str = "forus.example";
use support::MEMBER_SITE;
const TOKEN: &str = "secretariat-token";

struct TestApp {
    router: Router,
    state: AppState,
    _dir: tempfile::TempDir,
}

async fn test_app() -> TestApp {
    test_app_with(|_| {}).await
}

async fn test_app_with(adjust: impl FnOnce(&mut AppState)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = support::database_url(dir.path()).await;
    let store = Store::connect(&url).await.unwrap();
    let widget_dir = dir.path().join("widget");
    std::fs::create_dir(&widget_dir).unwrap();
    std::fs::write(widget_dir.join("forus-widget.js"), "import init from './forus-widget-0123456789abcdef.js';")
        .unwrap();
    std::fs::write(widget_dir.join("forus-widget-0123456789abcdef_bg.wasm"), vec![0u8; 4096]).unwrap();
    let bundle = WidgetBundle::load(&widget_dir).unwrap();
    let mut state = AppState::new(store, Registry::load(None).unwrap(), bundle, Some(TOKEN.into())).await.unwrap();
    adjust(&mut state);
    TestApp { router: forus_endpoint::app(state.clone()), state, _dir: dir }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("JSON body: {:?}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    /// What the release task does every `--release-interval`: publish figures from approved submissions.
    async fn release(&self) {
        self.state.releases.release(&self.state.store).await.unwrap();
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply { status, headers, body }
    }

    async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).header(header::HOST, HOST).body(Body::empty()).unwrap()).await
    }

    async fn post_raw(&self, origin: Option<&str>, content_type: &str, body: impl Into<Body>) -> Reply {
        let mut request =
            Request::post("/api/v1/submissions").header(header::HOST, HOST).header(header::CONTENT_TYPE, content_type);
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        self.send(request.body(body.into()).unwrap()).await
    }

    async fn submit(&self, submission: &Value) -> Reply {
        self.post_raw(Some(MEMBER_SITE), "application/json", submission.to_string()).await
    }

    async fn export(&self) -> Vec<Value> {
        let request = Request::get("/api/v1/export.json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .unwrap();
        let reply = self.send(request).await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["submissions"].as_array().unwrap().clone()
    }
}

/// Every required question an NGO is shown, answered; every scale question at `level`.
fn answers(country: &str, level: u8) -> Answers {
    forus_model::test_support::sample_answers(questionnaire(), country, &[1, 17], level)
}

/// The deletion token the widget would keep on the visitor's device for submission `id_seed`.
fn deletion_token(id_seed: u32) -> String {
    format!("token-only-the-visitor-holds-{id_seed}")
}

fn submission(id_seed: u32, country: &str, level: u8) -> Value {
    json!({
        "deletion_token_hash": forus_model::submission::token_hash(&deletion_token(id_seed)),
        "id": format!("00000000-0000-4000-8000-{id_seed:012}"),
        "questionnaire_version": questionnaire().version,
        "member": "coordination-sud",
        "lang": "fr",
        "consent": true,
        "answers": answers(country, level),
    })
}

#[tokio::test]
async fn stores_a_valid_submission_and_recomputes_scores() {
    let app = test_app().await;
    let mut body = submission(1, "FR", 2);
    // Scores claimed by the client are ignored.
    body["scores"] = json!([{ "dimension": "governance", "score": 100, "level": "leading" }]);
    let reply = app.submit(&body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let receipt = reply.json();
    assert_eq!(receipt["id"], body["id"]);
    let scores = receipt["scores"].as_array().unwrap();
    assert_eq!(scores.len(), questionnaire().dimensions().count());
    assert!(scores.iter().all(|s| s["score"] == 67 && s["level"] == "established"));

    let stored = app.export().await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["country"], "FR");
    assert_eq!(stored[0]["member"], "coordination-sud");
}

#[tokio::test]
async fn a_retried_submission_is_stored_once_and_answers_with_the_original() {
    let app = test_app().await;
    let body = submission(2, "SN", 1);
    assert_eq!(app.submit(&body).await.status, StatusCode::CREATED);
    let again = app.submit(&body).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["id"], body["id"]);
    assert_eq!(app.export().await.len(), 1);

    // The same id with other answers is a conflict, not an overwrite.
    let mut other = body.clone();
    other["answers"]["country"] = json!("BR");
    let conflict = app.submit(&other).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(app.export().await[0]["country"], "SN");
}

#[tokio::test]
async fn concurrent_retries_store_once() {
    let app = test_app().await;
    let body = submission(3, "IN", 3);
    let replies = futures_join(&app, &body).await;
    let created = replies.iter().filter(|s| **s == StatusCode::CREATED).count();
    assert_eq!(created, 1, "{replies:?}");
    assert!(replies.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK));
    assert_eq!(app.export().await.len(), 1);
}

async fn futures_join(app: &TestApp, body: &Value) -> Vec<StatusCode> {
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let router = app.router.clone();
            let body = body.to_string();
            tokio::spawn(async move {
                let request = Request::post("/api/v1/submissions")
                    .header(header::HOST, HOST)
                    .header(header::ORIGIN, MEMBER_SITE)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body))
                    .unwrap();
                router.oneshot(request).await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

#[tokio::test]
async fn broken_submissions_get_an_error_naming_the_field() {
    let app = test_app().await;
    type Breakage = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Breakage, &str)> = vec![
        (
            "missing answer",
            Box::new(|b| {
                b["answers"].as_object_mut().unwrap().remove("country");
            }),
            "answers.country",
        ),
        ("out of range", Box::new(|b| b["answers"]["gov_board"] = json!(7)), "answers.gov_board"),
        ("unknown option", Box::new(|b| b["answers"]["org_type"] = json!("spaceship")), "answers.org_type"),
        ("unknown member", Box::new(|b| b["member"] = json!("nobody")), "member"),
        ("old questionnaire", Box::new(|b| b["questionnaire_version"] = json!(0)), "questionnaire_version"),
        ("no consent", Box::new(|b| b["consent"] = json!(false)), "consent"),
        ("bad id", Box::new(|b| b["id"] = json!("1; DROP TABLE submissions")), "id"),
        ("unknown question", Box::new(|b| b["answers"]["favourite"] = json!("x")), "answers.favourite"),
        ("wrong type", Box::new(|b| b["consent"] = json!("yes")), "consent"),
        ("unknown field", Box::new(|b| b["admin"] = json!(true)), "admin"),
    ];
    for (case, break_it, field) in cases {
        let mut body = submission(4, "FR", 2);
        break_it(&mut body);
        let reply = app.submit(&body).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        let error = &reply.json()["error"];
        assert_eq!(error["code"], "invalid", "{case}");
        assert!(error["fields"][field].is_string(), "{case}: {error}");
    }
    assert!(app.export().await.is_empty(), "nothing broken is stored");
}

#[tokio::test]
async fn a_refusal_speaks_the_visitors_language_and_names_the_question_by_its_label() {
    let app = test_app().await;
    let mut body = submission(5, "FR", 2);
    body["lang"] = json!("pt");
    body["answers"].as_object_mut().unwrap().remove("country");
    body["answers"]["gov_board"] = json!(7);
    let reply = app.submit(&body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &reply.json()["error"]["fields"];
    assert_eq!(fields["answers.country"], "Onde fica a sede da sua organização? Responda a esta pergunta.");
    let board = fields["answers.gov_board"].as_str().unwrap();
    let label = questionnaire().question("gov_board").unwrap().label.get(forus_model::Lang::Pt);
    assert!(board.starts_with(label) && !board.contains("gov_board"), "{board}");
}

#[tokio::test]
async fn a_version_one_submission_from_an_old_outbox_is_stored_as_version_one() {
    let app = test_app().await;
    let v1 = forus_model::questionnaire_of_version(1).unwrap();
    let mut body = submission(6, "SN", 2);
    body["questionnaire_version"] = json!(1);
    body["answers"] = json!(forus_model::test_support::sample_answers(v1, "SN", &[4], 3));
    let reply = app.submit(&body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let scores = reply.json()["scores"].as_array().unwrap().clone();
    assert_eq!(scores.len(), 7, "scored by v1's seven dimensions");
    assert!(scores.iter().all(|s| s["score"] == 100 && s["level"] == "leading"));
    // A v1 body under the current version is refused by the current rules, naming what is missing.
    body["id"] = json!("00000000-0000-4000-8000-000000000007");
    body["questionnaire_version"] = json!(2);
    assert_eq!(app.submit(&body).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    let stored = app.export().await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["questionnaire_version"], 1);
    // Readable in the export, but published figures are from current-version submissions only: five v1
    // submissions in Senegal publish nothing.
    for i in 0..5 {
        let mut more = body.clone();
        more["id"] = json!(format!("00000000-0000-4000-8000-00000000001{i}"));
        more["questionnaire_version"] = json!(1);
        assert_eq!(app.submit(&more).await.status, StatusCode::CREATED);
    }
    app.release().await;
    let groups = app.get("/api/v1/benchmark?country=SN").await.json()["groups"].clone();
    assert!(groups.as_array().unwrap().iter().all(|g| g["organisations"].is_null()));
    assert_eq!(app.get("/api/v1/map").await.json()["countries"], json!([]));
}

#[tokio::test]
async fn malformed_oversized_and_mistyped_bodies() {
    let app = test_app().await;
    let reply = app.post_raw(Some(MEMBER_SITE), "application/json", "{\"id\": ").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"]["code"], "malformed_json");

    let reply = app.post_raw(Some(MEMBER_SITE), "text/plain", submission(5, "FR", 1).to_string()).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = format!("{{\"id\": \"{}\"}}", "x".repeat(100_000));
    let reply = app.post_raw(Some(MEMBER_SITE), "application/json", huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["error"]["code"], "payload_too_large");

    let reply = app.post_raw(Some(MEMBER_SITE), "application/json", vec![0xff, 0xfe, 0x7b]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn only_the_members_sites_and_the_endpoints_own_pages_may_submit() {
    let app = test_app().await;
    let body = submission(6, "FR", 1).to_string();
    let reply = app.post_raw(Some("https://evil.example"), "application/json", body.clone()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.json()["error"]["fields"]["origin"].is_string());
    // Another member's site may not submit in Coordination SUD's name.
    let reply = app.post_raw(Some("https://abong.org.br"), "application/json", body.clone()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = app.post_raw(None, "application/json", body.clone()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // The demo page is served by the endpoint itself.
    let reply = app.post_raw(Some(&format!("http://{HOST}")), "application/json", body).await;
    assert_eq!(reply.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_embed_page_may_be_framed_only_by_its_members_sites() {
    let app = test_app().await;
    let reply = app.get("/embed?member=coordination-sud&lang=es&view=map").await;
    assert_eq!(reply.status, StatusCode::OK);
    let policy = reply.header("content-security-policy").unwrap().to_string();
    assert!(
        policy.ends_with("frame-ancestors 'self' https://www.coordinationsud.org https://coordinationsud.org"),
        "{policy}"
    );
    assert!(policy.contains("style-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(reply.header("x-frame-options"), None, "frame-ancestors decides");
    let html = String::from_utf8(reply.body).unwrap();
    assert!(html.contains(r#"<forus-widget member="coordination-sud" lang="es" view="map">"#), "{html}");
    // ABONG's page is not framed by Coordination SUD's sites; the language defaults to the member's own.
    let reply = app.get("/embed?member=abong").await;
    let policy = reply.header("content-security-policy").unwrap().to_string();
    assert!(!policy.contains("coordinationsud") && policy.contains("https://abong.org.br"), "{policy}");
    assert!(String::from_utf8(reply.body).unwrap().contains(r#"lang="pt""#));
    for (query, field) in [("", "member"), ("?member=nobody", "member"), ("?member=abong&lang=de", "lang")] {
        let reply = app.get(&format!("/embed{query}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(reply.json()["error"]["fields"][field].is_string(), "{query}");
    }
    let resizer = app.get("/widget/forus-embed.js").await;
    assert_eq!(resizer.status, StatusCode::OK);
    assert!(String::from_utf8(resizer.body).unwrap().contains("forus:height"));
}

#[tokio::test]
async fn preflight_admits_registered_origins_only() {
    let app = test_app().await;
    let preflight = |origin: &str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/v1/submissions")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let allowed = app.send(preflight(MEMBER_SITE)).await;
    assert_eq!(allowed.header("access-control-allow-origin"), Some(MEMBER_SITE));
    let refused = app.send(preflight("https://evil.example")).await;
    assert_eq!(refused.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn export_needs_the_secretariats_token() {
    let app = test_app().await;
    assert_eq!(app.get("/api/v1/export.json").await.status, StatusCode::UNAUTHORIZED);
    let wrong =
        Request::get("/api/v1/export.json").header(header::AUTHORIZATION, "Bearer guess").body(Body::empty()).unwrap();
    let reply = app.send(wrong).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json()["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn benchmark_shows_averages_only_for_five_or_more() {
    let app = test_app().await;
    for i in 0..4 {
        assert_eq!(app.submit(&submission(10 + i, "SN", 3)).await.status, StatusCode::CREATED);
    }
    app.release().await;
    let groups = app.get("/api/v1/benchmark?country=SN").await.json()["groups"].clone();
    assert_eq!(groups[0]["scope"], "country");
    assert!(groups[0]["organisations"].is_null());
    assert_eq!(groups[0]["averages"], json!({}));
    assert_eq!(app.submit(&submission(20, "SN", 0)).await.status, StatusCode::CREATED);
    let before_release = app.get("/api/v1/benchmark?country=sn").await.json()["groups"].clone();
    assert!(before_release[0]["organisations"].is_null(), "figures move only with a release");
    app.release().await;
    let groups = app.get("/api/v1/benchmark?country=sn").await.json()["groups"].clone();
    assert_eq!(groups[0]["organisations"], 5);
    assert_eq!(groups[0]["averages"]["governance"], 80.0);
    assert_eq!(groups[1]["scope"], "region");
    assert_eq!(groups[1]["key"], "repaoc", "Senegal's regional coalition");
    assert_eq!(groups[2]["scope"], "network");
    assert_eq!(app.get("/api/v1/benchmark?country=XX").await.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Peers of the same type network-wide: five NGOs, none yet of national platforms.
    let groups = app.get("/api/v1/benchmark?country=SN&type=ngo").await.json()["groups"].clone();
    let scopes: Vec<&str> = groups.as_array().unwrap().iter().map(|g| g["scope"].as_str().unwrap()).collect();
    assert_eq!(scopes, ["country", "region", "type", "network"]);
    assert_eq!((groups[2]["key"].as_str(), groups[2]["organisations"].as_u64()), (Some("ngo"), Some(5)));
    let platforms = app.get("/api/v1/benchmark?type=platform").await.json()["groups"].clone();
    assert!(platforms[0]["organisations"].is_null() && platforms[0]["averages"] == json!({}));
    let reply = app.get("/api/v1/benchmark?type=spaceship").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json()["error"]["fields"]["type"].is_string());
}

#[tokio::test]
async fn questionnaire_members_health_and_unknown_routes() {
    let app = test_app().await;
    let reply = app.get("/api/v1/questionnaire?lang=es").await;
    assert_eq!(reply.status, StatusCode::OK);
    let definition = reply.json();
    assert_eq!(definition["version"], questionnaire().version);
    assert!(definition["title"]["es"].as_str().unwrap().len() > 5);
    assert!(definition["title"].get("fr").is_none());

    let members = app.get("/api/v1/members").await.json();
    assert!(members["members"].as_array().unwrap().iter().any(|m| m["id"] == "congad"));
    assert!(members["members"][0].get("origins").is_none());

    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    let missing = app.get("/api/v1/nothing").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    let wrong_method = app.send(Request::delete("/api/v1/questionnaire").body(Body::empty()).unwrap()).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.json()["error"]["code"], "method_not_allowed");
    let demo = app.get("/").await;
    assert!(String::from_utf8_lossy(&demo.body).contains("<forus-widget"));
}

#[tokio::test]
async fn widget_files_are_compressed_cached_and_open_to_every_origin() {
    let app = test_app().await;
    let request = |path: &str, encoding: &str| {
        Request::get(path).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap()
    };
    let loader = app.send(request("/widget/forus-widget.js", "gzip, br")).await;
    assert_eq!(loader.status, StatusCode::OK);
    assert_eq!(loader.header("content-encoding"), Some("br"));
    assert_eq!(loader.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(loader.header("access-control-allow-origin"), Some("*"));
    assert_eq!(loader.header("content-type"), Some("text/javascript; charset=utf-8"));

    let wasm = app.send(request("/widget/forus-widget-0123456789abcdef_bg.wasm", "gzip")).await;
    assert_eq!(wasm.header("content-encoding"), Some("gzip"));
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("cache-control"), Some("public, max-age=31536000, immutable"));

    let plain = app.send(request("/widget/forus-widget-0123456789abcdef_bg.wasm", "identity")).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body.len(), 4096);

    let etag = wasm.header("etag").unwrap().to_string();
    let revalidate = Request::get("/widget/forus-widget-0123456789abcdef_bg.wasm")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(revalidate).await.status, StatusCode::NOT_MODIFIED);
    assert_eq!(app.get("/widget/missing.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_secretariat_pages_load_their_shared_helpers_as_javascript() {
    let app = test_app().await;
    let script = app.get("/demo/pages.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(script.header("cache-control"), Some("public, max-age=300"));
    assert!(String::from_utf8_lossy(&script.body).contains("function el("));
    for page in ["/report", "/review"] {
        let html = String::from_utf8_lossy(&app.get(page).await.body).into_owned();
        assert!(html.contains(r#"<script src="demo/pages.js"></script>"#), "{page} loads the helpers");
    }
}

/// Every page says, in its Content-Security-Policy, that no other page may frame it and that only this origin's
/// script files run (no inline script); the secretariat's pages need no inline style either.
#[tokio::test]
async fn every_page_forbids_framing_and_runs_only_its_own_script_files() {
    let app = test_app().await;
    for (page, script, style) in [
        ("/", "demo/index.js", "demo/index.css"),
        ("/report", "demo/report.js", "demo/report.css"),
        ("/review", "demo/review.js", "demo/review.css"),
    ] {
        let reply = app.get(page).await;
        assert_eq!(reply.status, StatusCode::OK);
        let policy = reply.header("content-security-policy").unwrap_or_else(|| panic!("{page}: no CSP")).to_string();
        let directive = |name: &str| {
            policy.split(';').map(str::trim).find(|d| d.split(' ').next() == Some(name)).unwrap_or_default().to_string()
        };
        assert_eq!(directive("frame-ancestors"), "frame-ancestors 'none'", "{page}: {policy}");
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{page}");
        let scripts = directive("script-src");
        assert!(scripts.starts_with("script-src 'self'") && !scripts.contains("'unsafe-inline'"), "{page}: {policy}");
        assert!(!policy.contains("'unsafe-eval'"), "{page}: {policy}");
        assert_eq!(directive("style-src"), "style-src 'self'", "{page}: no inline style, even for the widget");

        let html = String::from_utf8(reply.body).unwrap();
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap()];
            assert!(
                open.contains(" src=") && tag[open.len() + 1..].starts_with("</script>"),
                "{page}: inline <script{open}>"
            );
        }
        assert!(!html.contains("<style") && !html.contains(" style="), "{page}: inline style");
        assert!(html.contains(&format!(r#"<script src="{script}"></script>"#)), "{page} loads {script}");
        assert!(html.contains(&format!(r#"<link rel="stylesheet" href="{style}">"#)), "{page} loads {style}");

        let served = app.get(&format!("/{script}")).await;
        assert_eq!(served.status, StatusCode::OK, "{script}");
        assert_eq!(served.header("content-type"), Some("text/javascript; charset=utf-8"), "{script}");
        assert_eq!(served.header("x-content-type-options"), Some("nosniff"), "{script}");
        let served = app.get(&format!("/{style}")).await;
        assert_eq!(served.status, StatusCode::OK, "{style}");
        assert_eq!(served.header("content-type"), Some("text/css; charset=utf-8"), "{style}");
    }
    let shared = app.get("/demo/pages.js").await;
    assert_eq!(shared.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(app.get("/demo/missing.js").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/demo/index.html").await.status, StatusCode::NOT_FOUND);
}

/// A GET of `uri` from the client at `client` (the peer address the rate limiters key on), with `token`.
fn from_client(client: [u8; 4], uri: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(uri)
        .header(header::HOST, HOST)
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((client, 40_000))));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::empty()).unwrap()
}

/// Tokens cannot be guessed: after ten wrong ones in a minute, a client's every attempt on the secretariat's and
/// reviewers' routes answers 429, even with the right token; other clients are not affected.
#[tokio::test]
async fn ten_wrong_tokens_and_even_the_right_one_is_refused_for_a_while() {
    let app = test_app().await;
    let (guesser, neighbour) = ([203, 0, 113, 7], [198, 51, 100, 9]);
    // No token at all is no guess: it never counts.
    for _ in 0..20 {
        assert_eq!(app.send(from_client(guesser, "/api/v1/export.json", None)).await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.send(from_client(guesser, "/api/v1/report", Some(TOKEN))).await.status, StatusCode::OK);
    // Ten wrong tokens, on any of the guarded routes.
    let routes = ["/api/v1/export.json", "/api/v1/export.csv", "/api/v1/report", "/api/v1/review/submissions"];
    for i in 0..10 {
        let reply = app.send(from_client(guesser, routes[i % routes.len()], Some(&format!("guess-{i}")))).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "guess {i}");
    }
    for route in routes.iter().chain(&["/api/v1/review/log"]) {
        let refused = app.send(from_client(guesser, route, Some(TOKEN))).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{route}: even the right token");
        assert_eq!(refused.json()["error"]["code"], "too_many_requests");
        let wait: u64 = refused.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=6).contains(&wait), "one more failure is taken every six seconds: {wait}");
    }
    // Another client, and the public routes, are not affected.
    assert_eq!(app.send(from_client(neighbour, "/api/v1/export.json", Some(TOKEN))).await.status, StatusCode::OK);
    assert_eq!(
        app.send(from_client(neighbour, "/api/v1/export.json", Some("guess"))).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.send(from_client(guesser, "/api/v1/map", None)).await.status, StatusCode::OK);
    assert_eq!(app.send(from_client(guesser, "/report", None)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_map_comes_from_releases_in_batches_with_an_etag_of_its_content() {
    let app = test_app().await;
    let first = app.get("/api/v1/map").await;
    assert_eq!(first.json(), json!({ "countries": [] }));
    let empty_etag = first.header("etag").unwrap().to_string();

    for i in 0..6 {
        assert_eq!(app.submit(&submission(30 + i, "BR", 2)).await.status, StatusCode::CREATED);
    }
    assert_eq!(app.submit(&submission(40, "CL", 2)).await.status, StatusCode::CREATED);
    app.release().await;
    let unchanged = Request::get("/api/v1/map").header(header::IF_NONE_MATCH, &empty_etag).body(Body::empty()).unwrap();
    let reply = app.send(unchanged).await;
    assert_eq!(reply.status, StatusCode::OK, "the old ETag no longer matches");
    let map = reply.json();
    let countries = map["countries"].as_array().unwrap();
    assert_eq!(countries.len(), 1, "Chile's one organisation is not on the map at all, exactly like no organisation");
    assert_eq!(countries[0]["country"], "BR");
    assert_eq!(countries[0]["organisations"], 5, "six published as a multiple of five");
    assert_eq!(countries[0]["sdgs"]["1"], 5);
    assert!(countries[0]["sdgs"].get("4").is_none(), "nobody works on goal 4");

    let etag = reply.header("etag").unwrap().to_string();
    let hash_of_content = forus_model::submission::sha256_hex(&reply.body);
    assert_eq!(etag, format!("\"{}\"", &hash_of_content[..32]), "the ETag is a hash of the content, not a counter");
    let again = || Request::get("/api/v1/map").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    assert_eq!(app.send(again()).await.status, StatusCode::NOT_MODIFIED);
    for listed in [format!("\"other\", W/{etag}"), "*".to_string()] {
        let request = Request::get("/api/v1/map").header(header::IF_NONE_MATCH, &listed).body(Body::empty()).unwrap();
        assert_eq!(app.send(request).await.status, StatusCode::NOT_MODIFIED, "{listed}");
    }
    // Four more Brazilian organisations: fewer than five changes, so the next release publishes the same map.
    for i in 0..4 {
        app.submit(&submission(50 + i, "BR", 2)).await;
    }
    app.release().await;
    assert_eq!(app.send(again()).await.status, StatusCode::NOT_MODIFIED);
    app.submit(&submission(54, "BR", 2)).await;
    app.release().await;
    let moved = app.send(again()).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.json()["countries"][0]["organisations"], 10, "eleven, in fives");
}

#[tokio::test]
async fn world_geometry_is_compact_and_cached() {
    let app = test_app().await;
    let request =
        Request::get("/api/v1/map/geometry").header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-encoding"), Some("gzip"));
    assert!(reply.body.len() < 40_000, "{} bytes gzip", reply.body.len());
    assert!(reply.header("etag").is_some());
    let plain = app.get("/api/v1/map/geometry").await.json();
    assert!(plain["shapes"].as_array().unwrap().len() > 170);
    assert!(plain["markers"].as_array().unwrap().iter().any(|m| m["id"] == "702"), "Singapore as a marker");
}

#[tokio::test]
async fn the_author_erases_a_submission_with_the_token_only_their_device_holds() {
    let app = test_app().await;
    for i in 0..5 {
        assert_eq!(app.submit(&submission(50 + i, "GH", 3)).await.status, StatusCode::CREATED);
    }
    let body = submission(60, "GH", 0);
    let receipt = app.submit(&body).await.json();
    // The receipt is exactly {id, scores}: the endpoint never had the token to give back.
    assert_eq!(receipt.as_object().unwrap().keys().collect::<Vec<_>>(), ["id", "scores"]);
    assert_eq!(app.submit(&body).await.status, StatusCode::OK, "a retry costs nothing");
    app.release().await;
    let published = app.get("/api/v1/benchmark?country=GH").await.json()["groups"].clone();
    assert_eq!(published[0]["organisations"], 5, "six, in fives");

    let id = body["id"].as_str().unwrap();
    let erase = |id: &str, token: &str| {
        Request::delete(format!("/api/v1/submissions/{id}"))
            .header(header::HOST, HOST)
            .header(header::ORIGIN, MEMBER_SITE)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let hash = body["deletion_token_hash"].as_str().unwrap();
    assert_eq!(app.send(erase(id, hash)).await.status, StatusCode::UNAUTHORIZED, "the hash is not the token");
    assert_eq!(app.send(erase(id, "not-the-token")).await.status, StatusCode::UNAUTHORIZED);
    // An id that is not a UUID is refused before any lookup, in the one error shape naming the field.
    for not_an_id in ["1%3B%20DROP%20TABLE", "%00", "%FF", "00000000-0000-4000-8000-00000000006", &id[..35]] {
        let reply = app.send(erase(not_an_id, &deletion_token(60))).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{not_an_id}");
        let error = reply.json()["error"].clone();
        assert_eq!(error["code"], "invalid_id", "{not_an_id}");
        assert!(error["message"].is_string() && error["fields"]["id"].is_string(), "{not_an_id}: {error}");
    }
    assert_eq!(app.send(erase(id, &deletion_token(60))).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.send(erase(id, &deletion_token(60))).await.status, StatusCode::NOT_FOUND);

    let stored = app.export().await;
    assert_eq!(stored.len(), 5);
    assert!(stored.iter().all(|s| s.get("deletion_token").is_none() && s.get("deletion_token_hash").is_none()));
    // Published figures change at the group's next batch, never by one organisation.
    app.release().await;
    assert_eq!(app.get("/api/v1/benchmark?country=GH").await.json()["groups"], published);
}

#[tokio::test]
async fn csv_export_neutralises_formulas_and_report_suppresses_small_groups() {
    let app = test_app().await;
    let mut hostile = submission(70, "SN", 1);
    hostile["answers"]["vnr_comment"] = json!("=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(app.submit(&hostile).await.status, StatusCode::CREATED);
    for i in 0..5 {
        assert_eq!(app.submit(&submission(80 + i, "BR", 2)).await.status, StatusCode::CREATED);
    }

    let csv_request = |token: &str| {
        Request::get("/api/v1/export.csv")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(app.send(csv_request("wrong")).await.status, StatusCode::UNAUTHORIZED);
    let reply = app.send(csv_request(TOKEN)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("text/csv; charset=utf-8"));
    let text = String::from_utf8(reply.body).unwrap();
    let mut lines = text.lines();
    let header_line = lines.next().unwrap();
    assert!(header_line
        .starts_with("id,received_at,member,lang,questionnaire_version,status,decided_at,decided_by,reason,country,region,coalitions,org_name,org_type"));
    assert!(header_line.ends_with("score_civic_space"));
    assert!(text.contains(",approved,,,,BR,mesa,mesa,"), "status, then Brazil's coalition: {text}");
    assert_eq!(lines.count(), 6);
    assert!(text.contains("\"'=HYPERLINK("), "formula neutralised: {text}");
    assert!(!text.contains(",=HYPERLINK"));

    app.release().await;
    let request = Request::get("/api/v1/report")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let report = app.send(request).await.json();
    // Senegal's one organisation is in no published figure: not its country, not the network's totals.
    assert!(report["countries"].as_array().unwrap().iter().all(|c| c["key"] != "SN"));
    assert_eq!(report["network"]["organisations"], 5);
    let brazil = report["countries"].as_array().unwrap().iter().find(|c| c["key"] == "BR").unwrap().clone();
    assert_eq!(brazil["organisations"], 5);
    assert_eq!(brazil["averages"]["governance"], 67.0);
    assert_eq!(brazil["no_need_share"], 100.0, "Established everywhere: no need");
    assert_eq!(report["network"]["no_need_share"], 100.0);
    assert!(report["priorities"].as_array().unwrap().is_empty());
    let mesa = report["regions"].as_array().unwrap().iter().find(|g| g["key"] == "mesa").unwrap().clone();
    assert_eq!(mesa["organisations"], 5);
    assert_eq!(report["names"]["mesa"], "MESA");
    assert_eq!(app.get("/api/v1/report").await.status, StatusCode::UNAUTHORIZED);
    assert!(String::from_utf8_lossy(&app.get("/report").await.body).contains("Capacity needs report"));
}

#[tokio::test]
async fn a_client_over_the_rate_limit_gets_429_with_retry_after() {
    let app = test_app_with(|state| {
        state.rate_limit = forus_endpoint::rate_limit::RateLimit { per_minute: 1, burst: 2, trusted_proxies: 0 };
    })
    .await;
    assert_eq!(app.submit(&submission(90, "FR", 1)).await.status, StatusCode::CREATED);
    assert_eq!(app.submit(&submission(91, "FR", 1)).await.status, StatusCode::CREATED);
    let limited = app.submit(&submission(92, "FR", 1)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(limited.json()["error"]["code"], "too_many_requests");
    assert_eq!(app.export().await.len(), 2, "nothing accepted is lost, nothing refused is stored");
    // Reading the map is not limited.
    assert_eq!(app.get("/api/v1/map").await.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_submissions_by_outcome() {
    let app = test_app().await;
    // Another app in this process, as every other test here is: its requests must not count in `app`'s.
    let other = test_app().await;
    assert_eq!(other.submit(&submission(94, "FR", 2)).await.status, StatusCode::CREATED);

    let body = submission(95, "FR", 2);
    assert_eq!(app.submit(&body).await.status, StatusCode::CREATED);
    assert_eq!(app.submit(&body).await.status, StatusCode::OK);
    assert_eq!(app.submit(&body).await.status, StatusCode::OK);
    let mut broken = submission(96, "FR", 2);
    broken["consent"] = json!(false);
    assert_eq!(app.submit(&broken).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/no/such/page").await;
    app.get("/api/v1/members").await;

    // Scraped from the metrics listener's router (`--metrics-addr`), never from the public one.
    let scrape = Request::get("/metrics").body(Body::empty()).unwrap();
    let reply = forus_endpoint::metrics::router(app.state.metrics.clone()).oneshot(scrape).await.unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert!(reply.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let text = String::from_utf8(reply.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    // This app's recorder only: exact counts of the requests above.
    let value = |series: &str| -> Option<f64> {
        text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
    };
    assert_eq!(value(r#"forus_submissions_total{outcome="accepted"}"#), Some(1.0), "{text}");
    assert_eq!(value(r#"forus_submissions_total{outcome="duplicate"}"#), Some(2.0), "{text}");
    assert_eq!(value(r#"forus_submissions_total{outcome="rejected"}"#), Some(1.0), "{text}");
    let requests = |route: &str, method: &str, status: u16| {
        value(&format!(r#"http_requests_total{{route="{route}",method="{method}",status="{status}"}}"#))
    };
    assert_eq!(requests("/api/v1/submissions", "POST", 201), Some(1.0), "{text}");
    assert_eq!(requests("/api/v1/submissions", "POST", 200), Some(2.0));
    assert_eq!(requests("/api/v1/submissions", "POST", 422), Some(1.0));
    assert_eq!(requests("/api/v1/members", "GET", 200), Some(1.0));
    assert_eq!(requests("unmatched", "GET", 404), Some(1.0), "unknown paths are not series of their own");
    assert!(!text.contains("/no/such/page"));
    assert!(!text.contains("/metrics"), "scrapes are not counted");
    assert_eq!(
        value(r#"http_request_duration_seconds_count{route="/api/v1/submissions"}"#),
        Some(4.0),
        "every submission request is timed: {text}"
    );
    assert!(text.contains(r#"http_request_duration_seconds_bucket{route="/api/v1/submissions",le="0.005"}"#));

    let public = app.get("/metrics").await;
    assert_eq!(public.status, StatusCode::NOT_FOUND, "the public address does not serve metrics");
    assert_eq!(public.json()["error"]["code"], "not_found");
}

/// Abuse from the open internet: every input gets a 4xx in the one error shape, never a 5xx, and nothing is
/// stored.
#[tokio::test]
async fn hostile_inputs_never_cause_a_server_error() {
    let app = test_app().await;
    let nested = format!("{{\"answers\": {{\"vnr_comment\": {}{}}}}}", "[".repeat(5_000), "]".repeat(5_000));
    let valid = submission(100, "FR", 1);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut body = valid.clone();
        f(&mut body);
        body.to_string().into_bytes()
    };
    // (case, Origin, Content-Type, body, expected status)
    type Case<'a> = (&'a str, Option<&'a str>, &'a str, Vec<u8>, StatusCode);
    let cases: Vec<Case> = vec![
        ("truncated", Some(MEMBER_SITE), "application/json", b"{\"id\": \"0b6f".to_vec(), StatusCode::BAD_REQUEST),
        // Refused at its second level, where an answer's list holds texts only: nothing reads 5,000 levels down.
        ("deeply nested", Some(MEMBER_SITE), "application/json", nested.into_bytes(), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "array body",
            Some(MEMBER_SITE),
            "application/json",
            b"[[[[[[]]]]]]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("not an object", Some(MEMBER_SITE), "application/json", b"[1,2,3]".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        ("null", Some(MEMBER_SITE), "application/json", b"null".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        ("empty", Some(MEMBER_SITE), "application/json", Vec::new(), StatusCode::BAD_REQUEST),
        ("invalid UTF-8", Some(MEMBER_SITE), "application/json", vec![b'{', 0xc3, 0x28, b'}'], StatusCode::BAD_REQUEST),
        (
            "huge string",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["answers"]["vnr_comment"] = json!("x".repeat(200_000))),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "long comment",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["answers"]["vnr_comment"] = json!("é".repeat(301))),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "wrong types",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["answers"] = json!("all of them")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "version as string",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["questionnaire_version"] = json!("1")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "negative version",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["questionnaire_version"] = json!(-1)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "SQL in member",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["member"] = json!("x'; DROP TABLE submissions; --")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "SQL in id",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["id"] = json!("' OR 1=1 --")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "script as country",
            Some(MEMBER_SITE),
            "application/json",
            with(&|b| b["answers"]["country"] = json!("<script>alert(1)</script>")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "NaN level",
            Some(MEMBER_SITE),
            "application/json",
            valid.to_string().replace("\"gov_board\":1", "\"gov_board\":NaN").into_bytes(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "form encoded",
            Some(MEMBER_SITE),
            "application/x-www-form-urlencoded",
            b"id=1".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        ("missing origin", None, "application/json", valid.to_string().into_bytes(), StatusCode::FORBIDDEN),
        (
            "forged origin",
            Some("https://www.coordinationsud.org.evil.example"),
            "application/json",
            valid.to_string().into_bytes(),
            StatusCode::FORBIDDEN,
        ),
        ("null origin", Some("null"), "application/json", valid.to_string().into_bytes(), StatusCode::FORBIDDEN),
    ];
    for (case, origin, content_type, body, expected) in cases {
        let reply = app.post_raw(origin, content_type, body).await;
        assert_eq!(reply.status, expected, "{case}: {}", String::from_utf8_lossy(&reply.body));
        let error = reply.json();
        assert!(error["error"]["code"].is_string() && error["error"]["message"].is_string(), "{case}");
    }
    for method in [Method::GET, Method::PUT, Method::PATCH] {
        let request = Request::builder().method(method.clone()).uri("/api/v1/submissions").body(Body::empty()).unwrap();
        assert_eq!(app.send(request).await.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    assert!(app.export().await.is_empty());

    // Markup in free text is stored as the text it is, and comes back as text.
    let script = "<img src=x onerror=alert(1)> & </textarea>";
    let stored = with(&|b| b["answers"]["vnr_comment"] = json!(script));
    assert_eq!(app.post_raw(Some(MEMBER_SITE), "application/json", stored).await.status, StatusCode::CREATED);
    assert_eq!(app.export().await[0]["answers"]["vnr_comment"], script);
}

/// The OpenAPI document says what the service does: every documented operation exists with that method, and
/// every public route is documented.
#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let app = test_app().await;
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for route in [
        "/api/v1/submissions",
        "/api/v1/submissions/{id}",
        "/api/v1/questionnaire",
        "/api/v1/members",
        "/api/v1/benchmark",
        "/api/v1/map",
        "/api/v1/map/geometry",
        "/api/v1/export.json",
        "/api/v1/export.csv",
        "/api/v1/report",
        "/api/v1/review/submissions",
        "/api/v1/review/submissions/{id}",
        "/api/v1/review/decisions",
        "/api/v1/review/log",
        "/healthz",
    ] {
        assert!(paths.contains_key(route), "{route} is documented");
    }
    for (path, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            // Not a UUID: a served lookup answers 400 (or 401 first), never the router's 404 for unknown paths.
            let uri = path.replace("{id}", "not-a-uuid");
            let request = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let status = app.send(request).await.status;
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path} is served");
            assert_ne!(status, StatusCode::NOT_FOUND, "{method} {path} exists");
        }
    }
    // The documented request body is the model's submission, with its required fields.
    let submission = &doc["components"]["schemas"]["Submission"];
    let required: Vec<&str> = submission["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for field in ["id", "questionnaire_version", "member", "lang", "consent", "answers"] {
        assert!(required.contains(&field), "{field} required in {submission}");
    }
}

const CONGAD_SITE: &str = "https://www.congad.org";

/// A submission from CONGAD's site: CONGAD's submissions need its reviewer's approval.
fn congad(id_seed: u32, country: &str, level: u8) -> Value {
    let mut body = submission(id_seed, country, level);
    body["member"] = json!("congad");
    body
}

impl TestApp {
    async fn submit_from(&self, origin: &str, body: &Value) -> Reply {
        self.post_raw(Some(origin), "application/json", body.to_string()).await
    }

    async fn as_reviewer(&self, token: &str, method: &str, uri: &str, body: Option<Value>) -> Reply {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, HOST)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json");
        self.send(request.body(body.map_or(Body::empty(), |b| Body::from(b.to_string()))).unwrap()).await
    }

    async fn decide(&self, token: &str, ids: &[&str], status: &str, reason: Option<&str>) -> Reply {
        let body = json!({ "ids": ids, "status": status, "reason": reason });
        self.as_reviewer(token, "POST", "/api/v1/review/decisions", Some(body)).await
    }

    /// Submits from CONGAD's site and has the secretariat approve them.
    async fn approve(&self, bodies: Vec<Value>) {
        for body in &bodies {
            assert_eq!(self.submit_from(CONGAD_SITE, body).await.status, StatusCode::CREATED);
        }
        let ids: Vec<String> = bodies.iter().map(id_of).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(self.decide(TOKEN, &ids, "approved", None).await.status, StatusCode::OK);
    }

    async fn benchmark(&self, query: &str) -> Value {
        self.get(&format!("/api/v1/benchmark?{query}")).await.json()["groups"].clone()
    }
}

fn id_of(body: &Value) -> String {
    body["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_members_submissions_count_only_once_its_own_reviewer_approves_them_and_every_decision_is_logged() {
    let app = test_app().await;
    let (_, congad_token) = app.state.store.add_reviewer("congad", "Awa").await.unwrap();
    let (abong_id, abong_token) = app.state.store.add_reviewer("abong", "Ana").await.unwrap();
    let bodies: Vec<Value> = (0..5).map(|i| congad(100 + i, "SN", 2)).collect();
    for body in &bodies {
        assert_eq!(
            app.submit_from(CONGAD_SITE, body).await.status,
            StatusCode::CREATED,
            "the visitor still gets scores"
        );
    }
    let ids: Vec<String> = bodies.iter().map(id_of).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert!(app.export().await.iter().all(|s| s["status"] == "pending"));
    app.release().await;
    assert!(app.benchmark("country=SN").await[0]["organisations"].is_null(), "pending submissions do not count");

    // CONGAD's reviewer sees its five; ABONG's sees none, cannot open them, cannot decide on them.
    let list = app.as_reviewer(&congad_token, "GET", "/api/v1/review/submissions", None).await.json();
    assert_eq!(list["member"], "congad");
    assert_eq!(list["submissions"].as_array().unwrap().len(), 5);
    assert_eq!(list["submissions"][0]["org_name"], "Sample organisation");
    assert!(list["submissions"][0].get("answers").is_none(), "the list carries no answers");
    let opened = app.as_reviewer(&congad_token, "GET", &format!("/api/v1/review/submissions/{}", ids[0]), None).await;
    assert_eq!(opened.json()["submission"]["answers"]["country"], "SN");
    let other = app.as_reviewer(&abong_token, "GET", "/api/v1/review/submissions", None).await.json();
    assert!(other["submissions"].as_array().unwrap().is_empty());
    let probe = app.as_reviewer(&abong_token, "GET", &format!("/api/v1/review/submissions/{}", ids[0]), None).await;
    assert_eq!(probe.status, StatusCode::NOT_FOUND);
    let not_an_id = app.as_reviewer(&congad_token, "GET", "/api/v1/review/submissions/1%20OR%201=1", None).await;
    assert_eq!(not_an_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_an_id.json()["error"]["code"], "invalid_id");
    let not_ids = app.decide(&congad_token, &[ids[0], "\0 OR 1=1"], "approved", None).await;
    assert_eq!(not_ids.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_ids.json()["error"]["fields"]["ids"].is_string());
    assert_eq!(app.decide(&abong_token, &ids[..1], "approved", None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.decide("guess", &ids[..1], "approved", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.decide(&congad_token, &ids[..1], "maybe", None).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Four approved at once and one rejected: four do not make a published group.
    assert_eq!(app.decide(&congad_token, &ids[..4], "approved", Some("Checked by phone")).await.json()["decided"], 4);
    assert_eq!(app.decide(&congad_token, &ids[4..], "rejected", Some("Not a member")).await.json()["decided"], 1);
    app.release().await;
    assert!(app.benchmark("country=SN").await[0]["organisations"].is_null());
    // The secretariat reviews every member's submissions, and changes its mind.
    let all = app.as_reviewer(TOKEN, "GET", "/api/v1/review/submissions?status=all", None).await.json();
    assert!(all["member"].is_null() && all["submissions"].as_array().unwrap().len() == 5);
    assert_eq!(app.decide(TOKEN, &ids[4..], "approved", None).await.status, StatusCode::OK);
    app.release().await;
    assert_eq!(app.benchmark("country=SN").await[0]["organisations"], 5);

    let log = app.as_reviewer(&congad_token, "GET", "/api/v1/review/log", None).await.json();
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[0]["decided_by"], "secretariat", "newest first");
    assert!(entries.iter().any(|e| e["reason"] == "Not a member" && e["status"] == "rejected"));
    assert!(entries
        .iter()
        .filter(|e| e["reason"] == "Checked by phone")
        .all(|e| e["decided_by"].as_str().is_some_and(|by| by.starts_with("congad reviewer") && by.contains("Awa"))));
    let exported = app.export().await;
    assert!(exported.iter().all(|s| s["status"] == "approved" && s["decided_at"].is_string()));

    // A revoked reviewer's token stops working.
    let (congad_id, _) =
        app.state.store.reviewers(Some("congad")).await.unwrap().first().map(|r| (r.id.clone(), ())).unwrap();
    assert!(app.state.store.revoke_reviewer("congad", &congad_id).await.unwrap());
    assert_eq!(
        app.as_reviewer(&congad_token, "GET", "/api/v1/review/log", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(!app.state.store.revoke_reviewer("congad", &abong_id).await.unwrap(), "only the member's own reviewers");
}

/// The attacks from the review of published figures, run with `review = "required"`: none reveals one
/// organisation's answers.
#[tokio::test]
async fn published_figures_resist_differencing_forgery_and_small_groups() {
    let app = test_app().await;
    // Five approved organisations in Senegal, one in Ghana (both REPAOC), none in Niger.
    app.approve((0..5).map(|i| congad(200 + i, "SN", 2)).collect()).await;
    app.approve(vec![congad(210, "GH", 0)]).await;
    app.release().await;
    let before = app.benchmark("country=SN&type=ngo").await;
    let map_before = app.get("/api/v1/map").await;

    // A total minus its parts: REPAOC and the network are exactly Senegal; Ghana's organisation is in neither.
    let ghana = app.benchmark("country=GH").await;
    assert!(ghana[0]["organisations"].is_null());
    assert_eq!(ghana[1]["averages"], before[0]["averages"], "REPAOC = Senegal");
    assert_eq!(ghana[2]["averages"], before[0]["averages"], "network = Senegal");

    // Zero versus fewer than five: Ghana (one organisation) is absent from the map, exactly like Niger (none).
    let map = map_before.json();
    assert_eq!(map["countries"].as_array().unwrap().len(), 1);
    assert!(map["countries"].as_array().unwrap().iter().all(|c| c["country"] != "GH" && c["country"] != "NE"));

    // Differencing two releases: one more approved organisation moves nothing published.
    app.approve(vec![congad(220, "SN", 0)]).await;
    app.release().await;
    assert_eq!(app.benchmark("country=SN&type=ngo").await, before);
    let etag = map_before.header("etag").unwrap().to_string();
    let revalidate = Request::get("/api/v1/map").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    assert_eq!(app.send(revalidate).await.status, StatusCode::NOT_MODIFIED);

    // Forgery: four forged submissions into Ghana, never approved, then erased with their own tokens.
    let forged: Vec<Value> = (0..4).map(|i| congad(230 + i, "GH", 3)).collect();
    for body in &forged {
        assert_eq!(app.submit_from(CONGAD_SITE, body).await.status, StatusCode::CREATED);
    }
    app.release().await;
    assert!(app.benchmark("country=GH").await[0]["organisations"].is_null(), "forgeries never count");
    assert_eq!(app.benchmark("country=SN&type=ngo").await, before);
    for (i, body) in forged.iter().enumerate() {
        let erase = Request::delete(format!("/api/v1/submissions/{}", id_of(body)))
            .header(header::HOST, HOST)
            .header(header::AUTHORIZATION, format!("Bearer {}", deletion_token(230 + i as u32)))
            .body(Body::empty())
            .unwrap();
        assert_eq!(app.send(erase).await.status, StatusCode::NO_CONTENT);
    }
    app.release().await;
    assert_eq!(app.benchmark("country=GH").await, ghana, "nothing to subtract");
}

#[tokio::test]
async fn submissions_stored_before_review_become_approved_or_pending_and_their_tokens_are_hashed() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("upgrade.db").display());
    let store = Store::connect(&url).await.unwrap();
    // Two rows as the previous release stored them: no status, the deletion token in plain text.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    for (id, member) in [
        ("00000000-0000-4000-8000-000000000901", "coordination-sud"),
        ("00000000-0000-4000-8000-000000000902", "congad"),
    ] {
        let answers = serde_json::to_string(&answers("SN", 2)).unwrap();
        sqlx::query(
            "INSERT INTO submissions (id, member, questionnaire_version, lang, country, answers, scores, received_at, deletion_token)
             VALUES ($1, $2, 2, 'fr', 'SN', $3, '[]', '2026-11-01T00:00:00Z', $4)",
        )
        .bind(id)
        .bind(member)
        .bind(answers)
        .bind(format!("plain-token-{member}"))
        .execute(&pool)
        .await
        .unwrap();
    }
    let widget_dir = dir.path().join("widget");
    std::fs::create_dir(&widget_dir).unwrap();
    std::fs::write(widget_dir.join("forus-widget.js"), "").unwrap();
    let bundle = WidgetBundle::load(&widget_dir).unwrap();
    let state = AppState::new(store, Registry::load(None).unwrap(), bundle, Some(TOKEN.into())).await.unwrap();
    let app = TestApp { router: forus_endpoint::app(state.clone()), state, _dir: dir };

    let stored = app.export().await;
    let status_of = |id: &str| stored.iter().find(|s| s["id"] == id).unwrap()["status"].clone();
    assert_eq!(status_of("00000000-0000-4000-8000-000000000901"), "approved", "its member needs no review");
    assert_eq!(status_of("00000000-0000-4000-8000-000000000902"), "pending");
    let plain: Vec<(String,)> = sqlx::query_as("SELECT deletion_token FROM submissions WHERE deletion_token <> ''")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(plain.is_empty(), "no token left in plain text");
    // The token the visitor kept still erases their submission.
    let erase = Request::delete("/api/v1/submissions/00000000-0000-4000-8000-000000000902")
        .header(header::HOST, HOST)
        .header(header::AUTHORIZATION, "Bearer plain-token-congad")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(erase).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn at_most_one_release_per_interval_whoever_asks() {
    let app = test_app().await;
    let first = app.state.releases.current().seq;
    for i in 0..5 {
        app.submit(&submission(300 + i, "BR", 2)).await;
    }
    // The first release was just made at start: not due for an hour, so nothing new is published.
    app.state.releases.release_if_due(&app.state.store, std::time::Duration::from_secs(3600)).await.unwrap();
    assert_eq!(app.state.releases.current().seq, first);
    assert_eq!(app.get("/api/v1/map").await.json()["countries"], json!([]));
    // Due: the five Brazilian organisations are published.
    app.state.releases.release_if_due(&app.state.store, std::time::Duration::ZERO).await.unwrap();
    assert_eq!(app.state.releases.current().seq, first + 1);
    assert_eq!(app.get("/api/v1/map").await.json()["countries"][0]["country"], "BR");
}

/// A submission as the handler hands it to the store, of `member` (the store checks no registry).
fn stored(id_seed: u32, member: &str) -> forus_model::api::StoredSubmission {
    forus_model::api::StoredSubmission {
        id: format!("00000000-0000-4000-8000-{id_seed:012}"),
        member: member.into(),
        questionnaire_version: questionnaire().version,
        lang: forus_model::Lang::Fr,
        country: Some("SN".into()),
        answers: answers("SN", 2),
        scores: Vec::new(),
        received_at: "2026-12-01T00:00:00Z".into(),
        status: forus_model::api::Status::Pending,
        decided_at: None,
        decided_by: None,
        reason: None,
        deletion_token_hash: String::new(),
    }
}

#[tokio::test]
async fn a_row_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_committed() {
    use forus_endpoint::storage::Inserted;
    let dir = tempfile::tempdir().unwrap();
    let url = support::database_url(dir.path()).await;
    let store = Store::connect(&url).await.unwrap();
    // The database itself refuses one member's rows, as a constraint would.
    let refuse: &[&str] = if url.starts_with("sqlite:") {
        &["CREATE TRIGGER refuse BEFORE INSERT ON submissions WHEN NEW.member = 'refused'
           BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"]
    } else {
        &[
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
               IF NEW.member = 'refused' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER refuse BEFORE INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]
    };
    let mut connection = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
    for statement in refuse {
        sqlx::Executor::execute(&mut connection, *statement).await.unwrap();
    }
    // One task sends all four before the writer runs (a current-thread runtime): they make one batch.
    let (a, b, c, d) = (stored(701, "congad"), stored(702, "refused"), stored(703, "congad"), stored(701, "congad"));
    let (a, b, c, d) = tokio::join!(store.insert(&a), store.insert(&b), store.insert(&c), store.insert(&d));
    assert_eq!(a.unwrap(), Inserted::New);
    assert!(format!("{:#}", b.unwrap_err()).contains("refused by the test"));
    assert_eq!(c.unwrap(), Inserted::New);
    assert!(matches!(d.unwrap(), Inserted::Duplicate(_)), "a retry within the batch is still a duplicate");
    let ids: Vec<String> = store.all().await.unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(ids, ["00000000-0000-4000-8000-000000000701", "00000000-0000-4000-8000-000000000703"]);
}

#[tokio::test]
async fn closing_the_store_commits_and_answers_every_queued_submission() {
    use forus_endpoint::storage::Inserted;
    use std::{future::Future, pin::Pin, task::Poll};
    let dir = tempfile::tempdir().unwrap();
    let url = support::database_url(dir.path()).await;
    let store = Store::connect(&url).await.unwrap();
    let submissions: Vec<_> = (0..100).map(|i| stored(800 + i, "congad")).collect();
    let mut inserts: Vec<Pin<Box<dyn Future<Output = anyhow::Result<Inserted>> + '_>>> =
        submissions.iter().map(|s| Box::pin(store.insert(s)) as Pin<Box<dyn Future<Output = _>>>).collect();
    // Polled once each, every insert is in the queue, waiting for its answer; the writer has not run yet.
    std::future::poll_fn(|context| {
        for insert in &mut inserts {
            assert!(insert.as_mut().poll(context).is_pending());
        }
        Poll::Ready(())
    })
    .await;
    // Shutdown: closing returns once every queued submission is committed and answered.
    store.close().await;
    assert!(!store.writer_running());
    for insert in inserts {
        assert_eq!(insert.await.unwrap(), Inserted::New);
    }
    let error = store.insert(&stored(900, "congad")).await.unwrap_err();
    assert!(error.is::<forus_endpoint::storage::WriterStopped>(), "{error:#}");
    let reopened = Store::connect(&url).await.unwrap();
    assert_eq!(reopened.all().await.unwrap().len(), 100);
}

#[tokio::test]
async fn health_reports_a_stopped_writer_and_submissions_then_get_503() {
    let app = test_app().await;
    assert_eq!(app.get("/healthz").await.json(), json!({ "status": "ok" }));
    app.state.store.close().await;
    let reply = app.get("/healthz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.json(), json!({ "status": "writer stopped" }));
    let reply = app.submit(&submission(910, "SN", 2)).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.json()["error"]["code"], "unavailable");
}

#[tokio::test]
async fn an_erased_submission_leaves_no_trace_in_the_database_file_or_its_wal() {
    if std::env::var_os("FORUS_TEST_POSTGRES_URL").is_some() {
        return; // SQLite's files; PostgreSQL's data files drop erased rows at VACUUM (README)
    }
    const MARKER: &str = "ERASE-ME-7c1f3b9e";
    let app = test_app().await;
    let files = || {
        let db = app._dir.path().join("test.db");
        let wal = app._dir.path().join("test.db-wal");
        let mut bytes = std::fs::read(db).unwrap();
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
    };
    for i in 0..3 {
        assert_eq!(app.submit(&submission(920 + i, "SN", 2)).await.status, StatusCode::CREATED);
    }
    let mut body = submission(930, "SN", 2);
    body["answers"]["org_name"] = json!(format!("{MARKER} association"));
    assert_eq!(app.submit(&body).await.status, StatusCode::CREATED);
    let id = id_of(&body);
    // A reviewer's reason may quote the answers: the audit log keeps the decision, not that reason.
    let reason = format!("duplicate of {MARKER}'s other submission");
    assert_eq!(app.decide(TOKEN, &[&id], "rejected", Some(&reason)).await.status, StatusCode::OK);
    assert!(files(), "the marker is stored before the erasure");

    let erase = Request::delete(format!("/api/v1/submissions/{id}"))
        .header(header::HOST, HOST)
        .header(header::ORIGIN, MEMBER_SITE)
        .header(header::AUTHORIZATION, format!("Bearer {}", deletion_token(930)))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(erase).await.status, StatusCode::NO_CONTENT);
    assert!(!files(), "the erased answers are gone from the database file and its WAL");
    let log = app.as_reviewer(TOKEN, "GET", "/api/v1/review/log", None).await.json();
    let line = log["entries"].as_array().unwrap().iter().find(|e| e["submission_id"] == id.as_str()).unwrap().clone();
    assert_eq!((line["status"].clone(), line["reason"].clone()), (json!("rejected"), Value::Null));
    assert_eq!(app.export().await.len(), 3);
}

#[tokio::test]
async fn exports_stream_every_submission_once_across_many_pages() {
    let app = test_app().await;
    // More than two pages of the export (500 each), some received in the same instant.
    let total = 1_201;
    for n in 0..total {
        let stored = forus_endpoint::storage::StoredSubmission {
            id: format!("00000000-0000-4000-8000-{n:012}"),
            member: "congad".into(),
            questionnaire_version: 2,
            lang: forus_model::Lang::Fr,
            country: Some("SN".into()),
            answers: answers("SN", 2),
            scores: Vec::new(),
            received_at: format!("2026-11-27T00:{:02}:00Z", n % 60),
            status: forus_endpoint::storage::Status::Pending,
            decided_at: None,
            decided_by: None,
            reason: None,
            deletion_token_hash: String::new(),
        };
        app.state.store.insert(&stored).await.unwrap();
    }
    let exported = app.export().await;
    let ids: std::collections::BTreeSet<&str> = exported.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!((exported.len(), ids.len()), (total, total), "every submission once");
    let times: Vec<&str> = exported.iter().map(|s| s["received_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "in the order received");

    let request = Request::get("/api/v1/export.csv")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let csv = app.send(request).await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = String::from_utf8(csv.body).unwrap();
    assert_eq!(text.lines().count(), total + 1, "a header, then one line per submission");
    assert_eq!(text.matches("id,received_at").count(), 1, "one header");
}
