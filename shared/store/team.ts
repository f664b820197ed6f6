import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnswerComment, Contributor } from '../domain/team';
import type { EvidenceFile } from '../domain/evidence';
import { queryAll } from './batch';
import { fromItem } from './item';
import type { TeamStore } from './ports';
import { keys } from './table';

/** Reviews written this many at a time. */
const PARALLEL = 10;

export function dynamoTeamStore(db: DynamoDBDocumentClient, tableName: string): TeamStore {
  const inTeam = async function* (cycleId: string, stateCode: string, prefix: string) {
    yield* queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.team(cycleId, stateCode), ':prefix': prefix },
      ConsistentRead: true,
    });
  };
  return {
    async listContributors(cycleId, stateCode) {
      const contributors: Contributor[] = [];
      for await (const item of inTeam(cycleId, stateCode, keys.contributorPrefix)) contributors.push(fromItem<Contributor>(item));
      return contributors.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
    },
    async getContributor(cycleId, stateCode, id) {
      const result = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.contributor(cycleId, stateCode, id), ConsistentRead: true }),
      );
      return result.Item ? fromItem<Contributor>(result.Item) : undefined;
    },
    async putContributor(contributor) {
      const Item = { ...keys.contributor(contributor.cycleId, contributor.stateCode, contributor.id), type: 'contributor', ...contributor };
      await db.send(new PutCommand({ TableName: tableName, Item }));
    },
    async setReviews(cycleId, stateCode, reviews, now) {
      const write = ({ mandateId, review }: (typeof reviews)[number]) =>
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.answer(cycleId, stateCode, mandateId),
            // An unanswered mandate gets an empty answer that carries the review.
            UpdateExpression:
              'SET review = :review, #version = if_not_exists(#version, :zero) + :one, #type = :type, cycleId = :cycle, stateCode = :state, ' +
              'mandateId = :mandate, #status = if_not_exists(#status, :null), narrative = if_not_exists(narrative, :empty), ' +
              'difficulties = if_not_exists(difficulties, :empty), evidence = if_not_exists(evidence, :none), updatedAt = if_not_exists(updatedAt, :now)',
            ExpressionAttributeNames: { '#version': 'version', '#type': 'type', '#status': 'status' },
            ExpressionAttributeValues: {
              ':review': review,
              ':zero': 0,
              ':one': 1,
              ':type': 'answer',
              ':cycle': cycleId,
              ':state': stateCode,
              ':mandate': mandateId,
              ':null': null,
              ':empty': '',
              ':none': [],
              ':now': now,
            },
          }),
        );
      for (let i = 0; i < reviews.length; i += PARALLEL) await Promise.all(reviews.slice(i, i + PARALLEL).map(write));
    },
    async putFile(file) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.file(file.cycleId, file.stateCode, file.id), type: 'evidence-file', ...file },
        }),
      );
    },
    async getFile(cycleId, stateCode, id) {
      const result = await db.send(new GetCommand({ TableName: tableName, Key: keys.file(cycleId, stateCode, id), ConsistentRead: true }));
      return result.Item ? fromItem<EvidenceFile>(result.Item) : undefined;
    },
    async listFiles(cycleId, stateCode, mandateId) {
      const files: EvidenceFile[] = [];
      for await (const item of inTeam(cycleId, stateCode, keys.filePrefix)) files.push(fromItem<EvidenceFile>(item));
      return files
        .filter((f) => !mandateId || f.mandateId === mandateId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async addComment(comment) {
      await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.comment(comment), type: 'comment', ...comment } }));
    },
    async listComments(cycleId, stateCode, mandateId) {
      const comments: AnswerComment[] = [];
      for await (const item of inTeam(cycleId, stateCode, keys.commentPrefix(mandateId))) comments.push(fromItem<AnswerComment>(item));
      return comments;
    },
  };
}
