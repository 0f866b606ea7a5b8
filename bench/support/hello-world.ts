// The yardstick of `npm run bench:api`: Express 5 with nothing but one JSON route.
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.json({ hello: 'world' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
