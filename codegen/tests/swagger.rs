//! Swagger 2.0 descriptions: converted to OpenAPI 3.0 before everything else, with every
//! diagnostic still pointing into the 2.0 text. (The conversion rule by rule is tested in
//! `src/swagger/tests.rs`; what the client sends, in tests/tests/swagger.rs.)

mod common;
use common::{assert_has, file};

/// The line of each diagnostic whose message contains `text`, with its pointer.
fn located(d: &codegen::Diagnostics, text: &str) -> Vec<(usize, String)> {
    d.0.iter()
        .filter(|d| d.message.contains(text))
        .map(|d| (d.position.map_or(0, |p| p.line), d.pointer.clone()))
        .collect()
}

#[test]
fn warnings_of_later_phases_point_into_the_2_0_text() {
    let spec = "\
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /a:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - name: body
          in: body
          schema: {type: string}
        - name: ghost
          in: path
          required: true
          type: string
      responses:
        '204': {description: ok}
";
    let generated =
        codegen::generate(spec, &codegen::Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let w = &generated.warnings;
    // The path parameter is the second written, the first of the converted operation.
    assert_eq!(
        located(w, "does not appear in the path"),
        [(11, "/paths/~1a/post/parameters/1".to_owned())],
        "{w}"
    );
    // The form body is the body parameter.
    let body = located(w, "must be an object");
    assert_eq!(body.len(), 1, "{w}");
    assert!(
        body[0].1.starts_with("/paths/~1a/post/parameters/0") && (8..=10).contains(&body[0].0),
        "{w}"
    );
    assert!(w.to_string().contains("- name: ghost"), "{w}");
}

#[test]
fn errors_in_definitions_and_body_parameters_point_into_the_2_0_text() {
    let spec = "\
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /a:
    post:
      parameters:
        - name: q
          in: query
          type: string
        - name: pet
          in: body
          schema:
            $ref: '#/definitions/Missing'
      responses:
        '200': {description: ok}
definitions:
  Pet:
    type: object
    properties:
      owner:
        $ref: '#/definitions/Nobody'
";
    let d = codegen::generate(spec, &codegen::Options::default()).expect_err("unresolvable");
    let lines: Vec<(usize, String)> = d
        .errors()
        .map(|e| (e.position.map_or(0, |p| p.line), e.pointer.clone()))
        .collect();
    assert!(
        lines.contains(&(13, "/paths/~1a/post/parameters/1/schema/$ref".to_owned())),
        "{d}"
    );
    assert!(
        lines.contains(&(21, "/definitions/Pet/properties/owner/$ref".to_owned())),
        "{d}"
    );
    // In the 2.0 document's terms.
    let text = d.to_string();
    assert!(
        text.contains("unresolvable $ref `#/definitions/Nobody`"),
        "{text}"
    );
    assert!(text.contains("define it under `definitions`"), "{text}");
    assert!(!text.contains("components"), "{text}");
}

#[test]
fn the_fixture_generates_the_client_of_its_conversion() {
    let spec = include_str!("../../tests/fixtures/swagger.yaml");
    let mut options = codegen::Options::default();
    options.crate_name = "swagger-client".to_owned();
    let generated = codegen::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"));
    assert!(generated.warnings.0.is_empty(), "{}", generated.warnings);
    let files = &generated.files;
    let client = file(files, "src/client.rs");
    assert_has!(client, "\"https://swagger.invalid/v1\"");
    let models = file(files, "src/models.rs");
    // `x-nullable` on a required property: `null` is sent for `None`.
    assert_has!(models, "pub tag: Option<String>,");
    let upload = file(files, "src/operations/upload_photo.rs");
    assert_has!(upload, "multipart");
}

/// `fixtures/swagger.yaml` uses every conversion rule (`.ci/run` builds its crate with
/// clippy); its one warning is the `tsv` it means to have.
#[test]
fn every_rule_of_the_conversion_fixture_generates() {
    let spec = include_str!("fixtures/swagger.yaml");
    let mut options = codegen::Options::default();
    options.crate_name = "swagger-fixture".to_owned();
    let generated = codegen::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"));
    let warnings = &generated.warnings;
    assert_eq!(
        located(warnings, "has no OpenAPI 3.0 equivalent"),
        [(
            58,
            "/paths/~1animals/get/parameters/1/collectionFormat".to_owned()
        )],
        "{warnings}"
    );
    assert_eq!(warnings.0.len(), 1, "{warnings}");
    let files = &generated.files;
    // The first scheme, the host and the base path.
    assert_has!(
        file(files, "src/client.rs"),
        "pub const DEFAULT_BASE_URL: &str = \"http://api.example.com:8443/zoo/v2\";"
    );
    // Every security definition, OAuth 2's four flows by their 3.0 names.
    assert_has!(
        file(files, "src/auth.rs"),
        "pub fn basic_auth(",
        "pub fn key(",
        "pub fn implicit_token(",
        "pub fn password_token(",
        "pub fn application_client_credentials(",
        "pub fn access_code_token(",
    );
    let list = file(files, "src/operations/list_animals.rs");
    assert_has!(
        list,
        "(style `spaceDelimited`, `explode: false`)",
        // `x-nullable` on a parameter.
        "pub(crate) since: Option<chrono::DateTime<chrono::Utc>>,",
        // The path item's shared header parameter, by `$ref`.
        "pub(crate) x_trace: Option<String>,",
    );
    let models = file(files, "src/models.rs");
    // `x-nullable` on a property and on a definition referred to.
    assert_has!(
        models,
        "pub nickname: Option<Option<String>>,",
        "pub owner: Option<Option<Owner>>,",
    );
    // Setters named as operators' trait methods, for clippy.
    assert_has!(
        models,
        "#[allow(clippy::should_implement_trait)] pub fn add(mut self,"
    );
    assert_has!(
        list,
        "#[allow(clippy::should_implement_trait)] pub fn sub(mut self,"
    );
    // Form fields, one by `$ref`: a URL-encoded body with each array's style.
    let describe = file(files, "src/operations/describe_animal.rs");
    assert_has!(
        describe,
        "Sent as `application/x-www-form-urlencoded`",
        "style: crate::runtime::form::Style::PipeDelimited,",
    );
    assert_has!(
        file(files, "src/models.rs"),
        "pub struct DescribeAnimalBody {",
        "pub visible: Option<bool>,",
    );
    // A file field: multipart.
    assert_has!(
        file(files, "src/operations/upload_picture.rs"),
        "Sent as `multipart/form-data`",
        "pub picture: crate::FilePart,",
    );
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-swagger-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn parts_in_other_files_are_converted_as_they_are_copied_in() {
    let dir = scratch("files");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).expect("writable");
    };
    write(
        "swagger.yaml",
        "\
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - $ref: 'parameters.yaml#/limit'
      responses:
        '200':
          description: ok
          schema: {type: array, items: {$ref: 'Pet.yaml'}}
        default: {$ref: 'responses.yaml#/Problem'}
",
    );
    write(
        "parameters.yaml",
        "limit: {name: limit, in: query, type: integer}\n",
    );
    write(
        "Pet.yaml",
        "type: object\nrequired: [tag]\nproperties:\n  tag: {type: string, x-nullable: true}\n",
    );
    write(
        "responses.yaml",
        "Problem:\n  description: A problem.\n  schema:\n    type: object\n    properties:\n      message: {type: string}\n",
    );
    let generated = codegen::generate_file(&dir.join("swagger.yaml"), &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(generated.warnings.0.is_empty(), "{}", generated.warnings);
    let files = &generated.files;
    assert_has!(
        file(files, "src/operations/list_pets.rs"),
        "pub(crate) limit: Option<i64>,"
    );
    // `x-nullable` in the other file's schema: `null` is a value of the property.
    assert_has!(file(files, "src/models.rs"), "pub tag: Option<String>,");

    // A body parameter in another file has no 3.0 place of its own: an error there.
    write(
        "parameters.yaml",
        "limit: {name: limit, in: query, type: integer}\n\nbody:\n  name: pet\n  in: body\n  schema: {type: object}\n",
    );
    let spec = std::fs::read_to_string(dir.join("swagger.yaml")).expect("readable");
    write("swagger.yaml", &spec.replace("#/limit", "#/body"));
    let d = codegen::generate_file(&dir.join("swagger.yaml"), &codegen::Options::default())
        .expect_err("a body parameter in another file");
    let error = d.errors().next().expect("an error");
    assert!(
        error
            .message
            .contains("body or form parameter in another file"),
        "{d}"
    );
    assert_eq!(
        error.file.as_deref(),
        Some(dir.join("parameters.yaml").as_path()),
        "{d}"
    );
    assert_eq!(error.position.map(|p| p.line), Some(3), "{d}");
    let _ = std::fs::remove_dir_all(&dir);
}
