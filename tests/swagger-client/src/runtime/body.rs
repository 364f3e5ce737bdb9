// @generated: copied by codegen from codegen/runtime/body.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Binary bodies: uploads given as bytes or as a stream ([`Body`]), and downloads read
//! whole (`bytes::Bytes`) or as a stream ([`ByteStream`]).
//!
//! Copied into a generated crate only when its API sends or receives bytes (it needs the
//! `bytes` crate and `reqwest`'s `stream` feature).

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::{Stream, TryStream};
use reqwest::header::{HeaderValue, CONTENT_TYPE};

use super::error::Error;
use super::http::{BodySource, OperationInfo, RawResponse, Request, Response};

/// The body of an upload: bytes, or a stream for large ones.
///
/// Build one with `From` (`Vec<u8>`, [`Bytes`], `&'static [u8]`, `String`, `&'static
/// str`, or a [`reqwest::Body`]) or [`Body::from_stream`]. It is sent with the media type
/// the API declares, or the one set with [`Body::content_type`] (needed where the API
/// declares a range such as `image/*`, which is sent as `application/octet-stream`
/// otherwise).
///
/// Bytes are sent again when a failed attempt is retried. A stream can be read once: a
/// call with a stream body makes one attempt, whatever the retry settings. Clones of a
/// stream body share the one stream, so only the first `send` of a request builder or of
/// its clones can send it; the others fail with [`Error::Config`].
#[derive(Clone)]
pub struct Body {
    inner: Inner,
    content_type: Option<String>,
}

#[derive(Clone)]
enum Inner {
    Bytes(Bytes),
    /// Taken by the attempt that sends it.
    Stream(Arc<Mutex<Option<reqwest::Body>>>),
}

impl Body {
    /// A body of `bytes`.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        Body {
            inner: Inner::Bytes(bytes.into()),
            content_type: None,
        }
    }

    /// A body read from `stream` as it is sent, e.g. a file without reading it into
    /// memory: `Body::from_stream(tokio_util::io::ReaderStream::new(file))`.
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        Body::from(reqwest::Body::wrap_stream(stream))
    }

    /// Sends the body as `content_type` (e.g. `image/png`) instead of the media type the
    /// API declares. A value that is not a valid header fails the call with
    /// [`Error::Config`].
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes, unless the body is a stream.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes),
            Inner::Stream(_) => None,
        }
    }

    /// Whether the body is a stream (sent once, never retried).
    pub fn is_stream(&self) -> bool {
        matches!(self.inner, Inner::Stream(_))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Body");
        match &self.inner {
            Inner::Bytes(bytes) => d.field("bytes", &bytes.len()),
            Inner::Stream(_) => d.field("stream", &true),
        };
        d.field("content_type", &self.content_type).finish()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body::from_bytes(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from_bytes(bytes)
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from_bytes(bytes)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from_bytes(text)
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from_bytes(text)
    }
}

impl From<reqwest::Body> for Body {
    /// Bytes stay bytes; anything else is a stream.
    fn from(body: reqwest::Body) -> Self {
        let inner = match body.as_bytes() {
            Some(bytes) => Inner::Bytes(Bytes::copy_from_slice(bytes)),
            None => Inner::Stream(Arc::new(Mutex::new(Some(body)))),
        };
        Body {
            inner,
            content_type: None,
        }
    }
}

/// A [`Body`] with the content type it is sent as.
#[derive(Debug)]
struct Upload {
    body: Body,
    content_type: HeaderValue,
}

impl BodySource for Upload {
    fn attach(
        &mut self,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, String> {
        let body = match &self.body.inner {
            Inner::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
            Inner::Stream(shared) => shared
                .lock()
                .ok()
                .and_then(|mut stream| stream.take())
                .ok_or_else(|| {
                    "the request body is a stream that was already sent (by an earlier `send` \
                     of this request builder or of a clone of it); a stream can be sent once"
                        .to_owned()
                })?,
        };
        Ok(builder
            .header(CONTENT_TYPE, self.content_type.clone())
            .body(body))
    }

    fn replayable(&self) -> bool {
        !self.body.is_stream()
    }
}

impl Request {
    /// Sets a binary body, sent as its own content type or else as `content_type`.
    pub(crate) fn upload(
        &mut self,
        operation: &'static OperationInfo,
        body: Body,
        content_type: &'static str,
    ) -> Result<(), Error> {
        let content_type = match &body.content_type {
            None => HeaderValue::from_static(content_type),
            Some(own) => HeaderValue::from_str(own).map_err(|_| {
                Error::Config(format!(
                    "{}: the body's content type {own:?} is not a valid header value",
                    operation.id
                ))
            })?,
        };
        self.source(Upload { body, content_type });
        Ok(())
    }
}

impl RawResponse {
    /// The body as bytes.
    pub(crate) fn binary(self) -> Result<Response<Bytes>, Error> {
        self.bytes_with(Bytes::from)
    }

    /// The body as bytes, as the variant `variant` of an operation's success bodies.
    pub(crate) fn binary_into<U>(
        self,
        variant: impl FnOnce(Bytes) -> U,
    ) -> Result<Response<U>, Error> {
        self.bytes_with(|body| variant(Bytes::from(body)))
    }

    /// The body as a stream of chunks, read as they arrive.
    pub(crate) fn stream(self) -> Result<Response<ByteStream>, Error> {
        Ok(
            self.unread_with(|operation, attempts, unread, read| match unread {
                Some(response) => ByteStream::new(operation, attempts, response),
                None => ByteStream::once(Bytes::from(read)),
            }),
        )
    }
}

/// The body of a download, read chunk by chunk as it arrives (`send_streaming`), so that a
/// large one is never held in memory whole.
///
/// A [`Stream`] of `Result<Bytes, Error>`: a failure while reading is an
/// [`Error::Transport`], and ends the stream. The attempt's timeout (the client's, or the
/// builder's `timeout`) covers reading the whole body too: raise it for large downloads.
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>,
}

impl ByteStream {
    fn new(operation: &'static str, attempts: u32, response: reqwest::Response) -> Self {
        let chunks = futures::stream::unfold(Some(response), move |state| async move {
            let mut response = state?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(source) => Some((
                    Err(Error::Transport {
                        operation,
                        source,
                        attempts,
                    }),
                    None,
                )),
            }
        });
        ByteStream {
            inner: Box::pin(chunks),
        }
    }

    fn once(bytes: Bytes) -> Self {
        ByteStream {
            inner: Box::pin(futures::stream::iter(
                (!bytes.is_empty()).then_some(Ok(bytes)),
            )),
        }
    }

    /// Reads the rest of the body into one buffer.
    ///
    /// # Errors
    ///
    /// [`Error::Transport`] when the connection fails before the body ends.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut all = Vec::new();
        while let Some(chunk) = futures::StreamExt::next(&mut self).await {
            all.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(all))
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_replayable_and_streams_are_not() {
        let bytes = Body::from(vec![1, 2, 3]);
        assert_eq!(bytes.as_bytes(), Some(&[1, 2, 3][..]));
        assert!(!bytes.is_stream());
        let chunks: Vec<Result<Bytes, std::io::Error>> = vec![Ok(Bytes::from_static(b"a"))];
        let stream = Body::from_stream(futures::stream::iter(chunks));
        assert!(stream.is_stream() && stream.as_bytes().is_none());
        let upload = |body: Body| Upload {
            body,
            content_type: HeaderValue::from_static("application/octet-stream"),
        };
        assert!(upload(bytes).replayable());
        assert!(!upload(stream.clone()).replayable());
        // A clone shares the stream: once one sent it, the other can't.
        let client = reqwest::Client::new();
        let mut first = upload(stream.clone());
        let mut second = upload(stream);
        assert!(first.attach(client.get("http://localhost/")).is_ok());
        let again = second.attach(client.get("http://localhost/"));
        assert!(again.is_err_and(|why| why.contains("already sent")));
    }
}
