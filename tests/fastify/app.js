'use strict'

// A small Fastify app whose route schemas exercise what @fastify/swagger writes into an
// OpenAPI 3.1 description, and which echoes what it receives, for tests/tests/fastify.rs
// (see the README, "Fastify"). The client is generated from its live /openapi.json.
//
// Usage: node app.js PORT (or PORT in the environment); it listens on 127.0.0.1.

const Fastify = require('fastify')

async function main (port) {
  const app = Fastify({ logger: false })

  // Registered (awaited) before the routes, so that its hook sees them.
  await app.register(require('@fastify/swagger'), {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Nodeapp', version: '1.0.0' }
    },
    // Shared schemas (`app.addSchema`) become components named by their `$id`.
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, i) {
        return json.$id || `def-${i}`
      }
    }
  })
  // Files arrive as parts on `request.body` (`{ value }` for a field, a file for a file).
  await app.register(require('@fastify/multipart'), { attachFieldsToBody: true })

  app.addSchema({
    $id: 'Pet',
    type: 'object',
    required: ['id', 'name', 'kind', 'size', 'nickname', 'tags'],
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      // A string enum.
      kind: { type: 'string', enum: ['cat', 'dog', 'bird'] },
      // An integer enum.
      size: { type: 'integer', enum: [1, 2, 3] },
      // A required field that may be null.
      nickname: { type: ['string', 'null'] },
      // An optional field that may be null.
      owner: { type: ['string', 'null'] },
      // Array items that may be null.
      tags: { type: 'array', items: { type: ['string', 'null'] } },
      // A map.
      scores: { type: 'object', additionalProperties: { type: 'integer' } }
    }
  })

  app.addSchema({
    $id: 'NotFound',
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { type: 'string' }
    }
  })

  const PETS = new Map([
    [1, { id: 1, name: 'Rex', kind: 'dog', size: 3, nickname: null, tags: ['good', null], scores: { fetch: 10 } }]
  ])

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  app.get('/pets/:id', {
    schema: {
      operationId: 'getPet',
      description: 'A whole response that may be null: the pet, or null when there is none.',
      params: { type: 'object', properties: { id: { type: 'integer' } } },
      response: { 200: { anyOf: [{ $ref: 'Pet#' }, { type: 'null' }] } }
    }
  }, async (request) => PETS.get(request.params.id) ?? null)

  app.put('/pets/:id', {
    schema: {
      operationId: 'putPet',
      description: 'Stores the pet under the id of the path and echoes it.',
      params: { type: 'object', properties: { id: { type: 'integer' } } },
      body: { $ref: 'Pet#' },
      response: { 200: { $ref: 'Pet#' } }
    }
  }, async (request) => {
    const pet = { ...request.body, id: request.params.id }
    PETS.set(pet.id, pet)
    return pet
  })

  app.get('/search/:kind', {
    schema: {
      operationId: 'search',
      description: 'Echoes its parameters, and the raw query string and header as received.',
      params: {
        type: 'object',
        properties: { kind: { type: 'string', enum: ['cat', 'dog', 'bird'] } }
      },
      querystring: {
        type: 'object',
        required: ['limit'],
        properties: {
          limit: { type: 'integer' },
          name: { type: 'string' }
        }
      },
      headers: {
        type: 'object',
        required: ['x-trace'],
        properties: { 'x-trace': { type: 'string' } }
      },
      response: {
        200: {
          type: 'object',
          required: ['kind', 'limit', 'name', 'trace', 'rawQuery'],
          properties: {
            kind: { type: 'string' },
            limit: { type: 'integer' },
            name: { type: ['string', 'null'] },
            trace: { type: 'string' },
            rawQuery: { type: 'string' }
          }
        }
      }
    }
  }, async (request) => {
    const url = request.raw.url
    return {
      kind: request.params.kind,
      limit: request.query.limit,
      name: request.query.name ?? null,
      trace: request.headers['x-trace'],
      rawQuery: url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''
    }
  })

  // `contentEncoding: base64`: @fastify/swagger writes `format: byte` (in 3.1 too).
  app.post('/blobs', {
    schema: {
      operationId: 'putBlob',
      description: 'Base64 in a JSON body: echoes the decoded bytes as text, and their length.',
      body: {
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'string', contentEncoding: 'base64' } }
      },
      response: {
        200: {
          type: 'object',
          required: ['text', 'length'],
          properties: { text: { type: 'string' }, length: { type: 'integer' } }
        }
      }
    }
  }, async (request) => {
    const bytes = Buffer.from(request.body.data, 'base64')
    return { text: bytes.toString('utf8'), length: bytes.length }
  })

  app.post('/uploads', {
    schema: {
      operationId: 'upload',
      description: 'A multipart body with a text field and an optional file.',
      consumes: ['multipart/form-data'],
      body: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string' },
          file: { type: 'string', format: 'binary' }
        }
      },
      response: {
        200: {
          type: 'object',
          required: ['title', 'filename', 'mimetype', 'content'],
          properties: {
            title: { type: 'string' },
            filename: { type: ['string', 'null'] },
            mimetype: { type: ['string', 'null'] },
            content: { type: ['string', 'null'] }
          }
        }
      }
    },
    // The parts are objects (`{ value }`, or a file), not what the schema describes: it
    // documents the form, and the handler checks it.
    validatorCompiler: () => () => true
  }, async (request, reply) => {
    const { title, file } = request.body ?? {}
    if (title?.type !== 'field') {
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'no title' })
    }
    return {
      title: title.value,
      filename: file?.filename ?? null,
      mimetype: file?.mimetype ?? null,
      content: file ? (await file.toBuffer()).toString('utf8') : null
    }
  })

  app.get('/owners/:name', {
    schema: {
      description: 'Always a 404 with a JSON body; no operationId.',
      params: { type: 'object', properties: { name: { type: 'string' } } },
      response: {
        200: { type: 'object', properties: { name: { type: 'string' } } },
        404: { $ref: 'NotFound#' }
      }
    }
  }, async (request, reply) => reply.code(404).send({
    statusCode: 404,
    error: 'Not Found',
    message: `no owner ${request.params.name}`
  }))

  await app.listen({ host: '127.0.0.1', port })
}

const port = Number(process.argv[2] ?? process.env.PORT)
if (!Number.isInteger(port)) {
  console.error('usage: node app.js PORT')
  process.exit(2)
}
main(port).catch((error) => {
  console.error(error)
  process.exit(1)
})
