//! The OpenAPI 3 document at `/api/v1/openapi.json`, generated from the handlers' annotations and the
//! model's types, so it says what the service does.

use utoipa::{
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Forus widget endpoint", description = "Receives capacity self-assessments from member sites and serves the network's aggregates."),
    paths(
        crate::routes::submissions::create,
        crate::routes::submissions::erase,
        crate::routes::public::get_questionnaire,
        crate::routes::public::members,
        crate::routes::public::benchmark,
        crate::routes::map::map,
        crate::routes::map::geometry,
        crate::routes::export::export_json,
        crate::routes::export::export_csv,
        crate::routes::export::report,
        crate::routes::review::list,
        crate::routes::review::one,
        crate::routes::review::decide,
        crate::routes::review::log,
        crate::routes::health,
    ),
    components(schemas(crate::error::ErrorBody, forus_model::Submission, forus_model::Receipt)),
    modifiers(&BearerTokens)
)]
struct ApiDoc;

/// The bearer tokens: the secretariat's, a member's reviewer's, and a submission's deletion token.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in ["admin_token", "deletion_token", "reviewer_token"] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
