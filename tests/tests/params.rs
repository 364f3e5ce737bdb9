//! Parameter styles on the wire: `params_client`, generated from
//! `tests/fixtures/params.yaml`, sends every style of the OpenAPI specification's style
//! table (path `simple`, `label`, `matrix`; query `form`, `spaceDelimited`,
//! `pipeDelimited`, `deepObject`; header `simple`; cookies), `content` parameters and
//! `allowReserved`. Each test compares the raw request target (path and query string, as
//! the server received them) and the raw `Cookie` and header values, byte for byte.

use std::collections::BTreeMap;

use params_client::models::{
    Color, DegradedQueryFilter, Filter, FilterCreated, FormQueryPoint, Rgb,
};
use params_client::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The table's object, `{"R": 100, "G": 200, "B": 150}`.
fn rgb() -> Rgb {
    Rgb {
        r: 100,
        g: 200,
        b: 150,
    }
}

/// The table's array, `["blue", "black", "brown"]`, as enums.
fn colors() -> Vec<Color> {
    vec![Color::Blue, Color::Black, Color::Brown]
}

/// A server answering 204 to anything, and a client for it.
async fn serve() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("the client builds");
    (server, client)
}

/// The one request the server received.
async fn received(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

/// The raw request target: the path, and `?` and the query string if there is one.
fn target(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

/// The only value of header `name`.
fn header(request: &Request, name: &str) -> String {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert_eq!(values.len(), 1, "one `{name}` header: {values:?}");
    values[0].to_str().expect("text").to_owned()
}

#[tokio::test]
async fn query_form_explode_and_not_objects_and_allow_reserved() {
    let (server, client) = serve().await;
    let reserved = "a/b?c:d@e!$&f=g+h,i;j[k]#l m";
    client
        .form_query()
        .colors(colors())
        .ids(vec![1, 2])
        .rgb(rgb())
        .point(FormQueryPoint {
            x: 1,
            y: 2.5,
            label: Some("a b,c".to_owned()),
        })
        .q(reserved)
        .plain(reserved)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/form?colors=blue,black,brown\
         &ids=1&ids=2\
         &R=100&G=200&B=150\
         &point=x,1,y,2.5,label,a%20b%2Cc\
         &q=a/b?c:d@e!$&f=g+h,i;j[k]%23l%20m\
         &plain=a%2Fb%3Fc%3Ad%40e%21%24%26f%3Dg%2Bh%2Ci%3Bj%5Bk%5D%23l%20m"
    );
}

#[tokio::test]
async fn absent_optional_properties_and_parameters_are_left_out() {
    let (server, client) = serve().await;
    client
        .form_query()
        .point(FormQueryPoint {
            x: -1,
            y: 0.0,
            label: None,
        })
        .ids(Vec::<i64>::new())
        .send()
        .await
        .expect("sent");
    assert_eq!(target(&received(&server).await), "/form?point=x,-1,y,0");

    let (server, client) = serve().await;
    client.form_query().send().await.expect("sent");
    let request = received(&server).await;
    assert_eq!(request.url.query(), None, "no query string at all");
    assert_eq!(target(&request), "/form");
}

#[tokio::test]
async fn query_space_and_pipe_delimited() {
    let (server, client) = serve().await;
    client
        .delimited_query()
        .spaced(vec!["blue".to_owned(), "black brown".to_owned()])
        .piped(colors())
        .spaced_rgb(rgb())
        .piped_rgb(rgb())
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/delimited?spaced=blue%20black%20brown\
         &piped=blue|black|brown\
         &spaced_rgb=R%20100%20G%20200%20B%20150\
         &piped_rgb=R|100|G|200|B|150"
    );
}

#[tokio::test]
async fn query_deep_object() {
    let (server, client) = serve().await;
    let metadata: BTreeMap<String, String> = [("order id", "42"), ("a", "x&y")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    client
        .deep_query()
        .rgb(rgb())
        .filter(Filter {
            status: Some(Color::Black),
            created: Some(FilterCreated {
                gt: Some(1),
                lt: None,
            }),
            tags: Some(vec!["x".to_owned(), "y z".to_owned()]),
        })
        .metadata(metadata)
        .expand(vec![
            "customer".to_owned(),
            "invoice.subscription".to_owned(),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/deep?rgb[R]=100&rgb[G]=200&rgb[B]=150\
         &filter[status]=black&filter[created][gt]=1&filter[tags][]=x&filter[tags][]=y%20z\
         &metadata[a]=x%26y&metadata[order%20id]=42\
         &expand[]=customer&expand[]=invoice.subscription"
    );
}

#[tokio::test]
async fn path_simple() {
    let (server, client) = serve().await;
    client
        .simple_path(vec![1, 2, 3], rgb(), rgb())
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/simple/1,2,3/R,100,G,200,B,150/R=100,G=200,B=150"
    );
}

#[tokio::test]
async fn path_enum_is_its_value() {
    let (server, client) = serve().await;
    client.color_path(Color::Brown).send().await.expect("sent");
    assert_eq!(target(&received(&server).await), "/colors/brown");
}

#[tokio::test]
async fn path_label() {
    let (server, client) = serve().await;
    client
        .label_path("blue", colors(), rgb(), rgb())
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        // RFC 6570 `{.list}` and OpenAPI 3.1.1's table, not 3.1.0's typo `.blue.black.brown`.
        "/label/.blue/.blue,black,brown/.R,100,G,200,B,150/.R=100.G=200.B=150"
    );
}

#[tokio::test]
async fn path_matrix() {
    let (server, client) = serve().await;
    let colors: Vec<String> = ["blue", "black", "brown"].map(String::from).into();
    client
        .matrix_path("blue", colors.clone(), colors, rgb(), rgb())
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/matrix/;color=blue\
         /;colors=blue,black,brown\
         /;colors_exploded=blue;colors_exploded=black;colors_exploded=brown\
         /;rgb=R,100,G,200,B,150\
         /;R=100;G=200;B=150"
    );
}

#[tokio::test]
async fn path_values_are_strictly_encoded_but_not_the_style_delimiters() {
    let (server, client) = serve().await;
    let odd = "a;b=c,d.e/f?g#h i".to_owned();
    client
        .matrix_path(
            &*odd,
            vec![odd.clone(), "".to_owned()],
            vec![],
            rgb(),
            rgb(),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/matrix/;color=a%3Bb%3Dc%2Cd.e%2Ff%3Fg%23h%20i\
         /;colors=a%3Bb%3Dc%2Cd.e%2Ff%3Fg%23h%20i,\
         /\
         /;rgb=R,100,G,200,B,150\
         /;R=100;G=200;B=150"
    );
}

#[tokio::test]
async fn headers_simple() {
    let (server, client) = serve().await;
    client
        .header_params(colors())
        .x_rgb(rgb())
        .x_rgb_exploded(rgb())
        .x_count(7)
        .send()
        .await
        .expect("sent");
    let request = received(&server).await;
    assert_eq!(header(&request, "x-colors"), "blue,black,brown");
    assert_eq!(header(&request, "x-rgb"), "R,100,G,200,B,150");
    assert_eq!(header(&request, "x-rgb-exploded"), "R=100,G=200,B=150");
    assert_eq!(header(&request, "x-count"), "7");
}

#[tokio::test]
async fn required_parameters_that_may_be_null_are_options_and_none_sends_nothing() {
    let (server, client) = serve().await;
    client
        .nullable_params(Some("a b".to_owned()), Some(7))
        .send()
        .await
        .expect("sent");
    let request = received(&server).await;
    assert_eq!(target(&request), "/nullable?cursor=a%20b");
    assert_eq!(header(&request, "x-since"), "7");

    let (server, client) = serve().await;
    client
        .nullable_params(None, None)
        .send()
        .await
        .expect("sent");
    let request = received(&server).await;
    assert_eq!(target(&request), "/nullable");
    assert!(request.headers.get("x-since").is_none());
}

#[tokio::test]
async fn cookies_go_in_one_cookie_header() {
    let (server, client) = serve().await;
    client
        .cookie_params("s3cr=t 1")
        .colors(vec![Color::Blue, Color::Black])
        .ids(vec![1, 2])
        .rgb(rgb())
        .send()
        .await
        .expect("sent");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "cookie"),
        "session=s3cr%3Dt%201; colors=blue,black; ids=1; ids=2; R=100; G=200; B=150"
    );
    assert_eq!(target(&request), "/cookies");

    let (server, client) = serve().await;
    client.cookie_params("abc").send().await.expect("sent");
    assert_eq!(header(&received(&server).await, "cookie"), "session=abc");
}

#[tokio::test]
async fn content_parameters_are_json_text() {
    let (server, client) = serve().await;
    let filter = Filter {
        status: Some(Color::Blue),
        ..Filter::default()
    };
    client
        .content_params(rgb())
        .filter(filter.clone())
        .x_filter(filter)
        .note("a b/c")
        .send()
        .await
        .expect("sent");
    let request = received(&server).await;
    assert_eq!(
        target(&request),
        "/content/%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D\
         ?filter=%7B%22status%22%3A%22blue%22%7D\
         &note=a%20b%2Fc"
    );
    assert_eq!(header(&request, "x-filter"), r#"{"status":"blue"}"#);
}

/// A query parameter no style can write (an array inside an object, style `form`): the
/// generator warns and the client sends it as its JSON text, percent-encoded.
#[tokio::test]
async fn a_value_no_style_can_write_is_sent_as_json_text() {
    let (server, client) = serve().await;
    client
        .degraded_query()
        .filter(
            DegradedQueryFilter::default()
                .status("open")
                .tags(vec!["a b".to_owned(), "c".to_owned()]),
        )
        .limit(5)
        .send()
        .await
        .expect("sent");
    // {"status":"open","tags":["a b","c"]}
    assert_eq!(
        target(&received(&server).await),
        "/degraded?filter=%7B%22status%22%3A%22open%22%2C%22tags%22%3A%5B%22a%20b%22%2C%22c%22%5D%7D&limit=5"
    );
}

/// The escape hatch: `.query_pair(name, value)` adds pairs of the caller's after the
/// builder's parameters, name and value strictly percent-encoded, repeated names kept.
#[tokio::test]
async fn query_pairs_of_the_callers_are_sent_after_the_parameters() {
    let (server, client) = serve().await;
    client
        .degraded_query()
        .limit(5)
        .query_pair("filter[status]", "open")
        .query_pair("filter[tags][]", "a b")
        .query_pair("filter[tags][]", "c&d=é")
        .send()
        .await
        .expect("sent");
    assert_eq!(
        target(&received(&server).await),
        "/degraded?limit=5&filter%5Bstatus%5D=open&filter%5Btags%5D%5B%5D=a%20b\
         &filter%5Btags%5D%5B%5D=c%26d%3D%C3%A9"
    );

    // On any operation, with no parameter of its own.
    let (server, client) = serve().await;
    client
        .color_path(Color::Blue)
        .query_pair("debug", "1")
        .send()
        .await
        .expect("sent");
    assert_eq!(target(&received(&server).await), "/colors/blue?debug=1");
}
