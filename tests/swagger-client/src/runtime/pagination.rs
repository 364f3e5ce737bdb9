// @generated: copied by codegen from codegen/runtime/pagination.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Lazy streams over cursor-paginated lists.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};

use super::error::Error;

/// One page of a cursor-paginated list.
pub trait Page {
    /// The type of one item.
    type Item;

    /// Whether the server says more items follow.
    fn has_more(&self) -> bool;

    /// The cursor of the next page, if any.
    fn next_cursor(&self) -> Option<&str>;

    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// The pages of a list, each fetched only when the stream is polled for it.
///
/// The stream ends after a page that has `has_more: false` or no `next_cursor`. If the
/// server returns a cursor it has returned before, the stream yields that page, then
/// [`Error::RepeatedCursor`], then ends. After an error it ends.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<P> {
    inner: BoxStream<'static, Result<P, Error>>,
}

struct State<F> {
    fetch: F,
    cursor: Option<String>,
    follow_up: bool,
    seen: HashSet<String>,
    failure: Option<Error>,
    done: bool,
}

impl<P> Pages<P>
where
    P: Page + Send + 'static,
{
    /// Pages starting at `start` (the caller's own cursor, if any). `fetch` gets the cursor
    /// of the page to fetch and whether it follows a page the stream has yielded; it keeps
    /// every other parameter of the request.
    pub(crate) fn new<F, Fut>(operation: &'static str, start: Option<String>, fetch: F) -> Self
    where
        F: FnMut(Option<String>, bool) -> Fut + Send + 'static,
        Fut: Future<Output = Result<P, Error>> + Send + 'static,
    {
        let state = State {
            fetch,
            seen: start.iter().cloned().collect(),
            cursor: start,
            follow_up: false,
            failure: None,
            done: false,
        };
        let inner = stream::try_unfold(state, move |mut state| async move {
            if let Some(error) = state.failure.take() {
                return Err(error);
            }
            if state.done {
                return Ok(None);
            }
            let page = (state.fetch)(state.cursor.take(), state.follow_up).await?;
            state.follow_up = true;
            match page
                .next_cursor()
                .filter(|c| !c.is_empty() && page.has_more())
            {
                Some(next) if !state.seen.insert(next.to_owned()) => {
                    state.failure = Some(Error::RepeatedCursor {
                        operation,
                        cursor: next.to_owned(),
                    });
                }
                Some(next) => state.cursor = Some(next.to_owned()),
                None => state.done = true,
            }
            Ok(Some((page, state)))
        });
        Pages {
            inner: inner.boxed(),
        }
    }

    /// The items of every page, in order.
    pub fn items(self) -> Items<P::Item>
    where
        P::Item: Send + 'static,
    {
        let inner = self
            .inner
            .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
            .try_flatten()
            .boxed();
        Items { inner }
    }
}

impl<P> Stream for Pages<P> {
    type Item = Result<P, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<P> fmt::Debug for Pages<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// The items of a list across its pages, fetched page by page as the stream is polled.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    inner: BoxStream<'static, Result<T, Error>>,
}

impl<T> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}
